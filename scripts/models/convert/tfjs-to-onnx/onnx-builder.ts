/**
 * A minimal ONNX graph builder: nodes, initializers and typed inputs/outputs, encoded with the
 * protobuf classes of npm `onnx-proto`. Encoding is deterministic (same calls → same bytes).
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
type NodeProto = InstanceType<typeof onnx.NodeProto>;
type TensorProto = InstanceType<typeof onnx.TensorProto>;

export const DT = { FLOAT: 1, INT8: 3, INT32: 6, INT64: 7, FLOAT16: 10 } as const;
export type AttrValue = number | string | number[] | { float: number };

/** A dimension: a fixed size or a symbolic name (e.g. `batch`). */
export type Dim = number | string;

export interface ValueInfo {
	name: string;
	elemType: number;
	shape: Dim[];
}

function attribute(name: string, v: AttrValue) {
	const T = onnx.AttributeProto.AttributeType;
	if (typeof v === 'string') return { name, type: T.STRING, s: new TextEncoder().encode(v) };
	if (typeof v === 'number') return { name, type: T.INT, i: v };
	if (Array.isArray(v)) return { name, type: T.INTS, ints: v };
	return { name, type: T.FLOAT, f: v.float };
}

function valueInfo(v: ValueInfo) {
	return {
		name: v.name,
		type: {
			tensorType: {
				elemType: v.elemType,
				shape: {
					dim: v.shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }))
				}
			}
		}
	};
}

export class OnnxGraphBuilder {
	readonly nodes: NodeProto[] = [];
	readonly initializers: TensorProto[] = [];
	readonly #names = new Set<string>();
	#counter = 0;

	/** A fresh tensor name derived from `base`. */
	fresh(base: string): string {
		let name = base;
		while (this.#names.has(name)) name = `${base}__${++this.#counter}`;
		this.#names.add(name);
		return name;
	}

	/** Keeps `name` free for a later explicit use (graph outputs). */
	reserve(name: string): void {
		if (this.#names.has(name)) throw new Error(`tfjs-to-onnx: name ${name} is taken`);
		this.#names.add(name);
	}

	has(name: string): boolean {
		return this.#names.has(name);
	}

	/** Adds a node; returns its (single) output name. */
	node(
		op: string,
		inputs: string[],
		output: string,
		attrs: Record<string, AttrValue> = {}
	): string {
		this.#names.add(output);
		this.nodes.push(
			onnx.NodeProto.create({
				opType: op,
				name: `${op}:${output}`,
				input: inputs,
				output: [output],
				attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v))
			})
		);
		return output;
	}

	/** Adds an initializer from raw little-endian bytes. */
	initializer(name: string, dataType: number, dims: number[], raw: Uint8Array): string {
		this.#names.add(name);
		this.initializers.push(onnx.TensorProto.create({ name, dataType, dims, rawData: raw }));
		return name;
	}

	float(name: string, dims: number[], data: Float32Array): string {
		return this.initializer(name, DT.FLOAT, dims, bytesOf(data));
	}

	int64(name: string, values: number[]): string {
		const data = new BigInt64Array(values.map((v) => BigInt(v)));
		return this.initializer(name, DT.INT64, [values.length], bytesOf(data));
	}

	/** Encodes the model (IR 8, default opset `opset`). */
	encode(opts: {
		inputs: ValueInfo[];
		outputs: ValueInfo[];
		opset: number;
		producer: string;
		docString?: string;
	}): Uint8Array {
		const model = onnx.ModelProto.create({
			irVersion: 8,
			producerName: opts.producer,
			docString: opts.docString ?? '',
			opsetImport: [{ domain: '', version: opts.opset }],
			graph: {
				name: 'main',
				node: this.nodes,
				initializer: this.initializers,
				input: opts.inputs.map(valueInfo),
				output: opts.outputs.map(valueInfo)
			}
		});
		return onnx.ModelProto.encode(model).finish();
	}
}

/** The little-endian bytes of a typed array (this code only runs on little-endian hosts). */
export function bytesOf(a: ArrayBufferView): Uint8Array {
	return new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));
}
