/**
 * Rewrites an ONNX model so its large float32 weights are stored as float16 and expanded back at
 * load time: each weight becomes an fp16 initializer plus a `Cast` to float32 under the original
 * name, placed first in the graph. The graph still computes in float32 (onnxruntime folds the
 * casts when it creates the session), so speed is unchanged and the file is about half the size.
 * Deterministic: the same input bytes always give the same output bytes.
 */
import onnxProto from 'onnx-proto';
import { floatToHalf } from './tfjs-to-onnx/half.ts';
import { bytesOf, DT } from './tfjs-to-onnx/onnx-builder.ts';

const { onnx } = onnxProto;

/** Weights with fewer elements stay float32 (biases, batch-norm terms, scalars). */
const MIN_ELEMENTS = 1024;

type Tensor = onnxProto.onnx.ITensorProto;
type Node = onnxProto.onnx.INodeProto;

function floats(t: Tensor): Float32Array {
	if (t.rawData && t.rawData.length > 0) {
		const copy = new Uint8Array(t.rawData); // aligned copy
		return new Float32Array(copy.buffer, 0, copy.length / 4);
	}
	return Float32Array.from(t.floatData ?? []);
}

/** The fp16 copy of a large float32 tensor, or undefined to keep it as it is. */
function halfOf(t: Tensor, name: string): Tensor | undefined {
	if (t.dataType !== DT.FLOAT) return undefined;
	const data = floats(t);
	if (data.length < MIN_ELEMENTS) return undefined;
	const half = new Uint16Array(data.length);
	for (let i = 0; i < data.length; i++) half[i] = floatToHalf(data[i]!);
	return onnx.TensorProto.create({
		name,
		dataType: DT.FLOAT16,
		dims: t.dims,
		rawData: bytesOf(half)
	});
}

const castToFloat = (from: string, to: string): Node =>
	onnx.NodeProto.create({
		name: `${to}__cast`,
		opType: 'Cast',
		input: [from],
		output: [to],
		attribute: [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: DT.FLOAT }]
	});

/**
 * Returns the model with float32 weights of ≥ 1024 elements stored as float16, whether they are
 * initializers or `Constant` nodes (Paddle2ONNX at opset 9 writes the latter).
 */
export function storeWeightsFp16(model: Uint8Array): Uint8Array {
	const m = onnx.ModelProto.decode(model);
	const g = m.graph!;
	const casts: Node[] = [];
	g.initializer = (g.initializer ?? []).map((t) => {
		const half = t.name ? halfOf(t, `${t.name}__fp16`) : undefined;
		if (!half || !t.name) return t;
		casts.push(castToFloat(`${t.name}__fp16`, t.name));
		return half;
	});
	const converted = new Set(casts.map((c) => c.output?.[0]));
	// Old exporters also list initializers as graph inputs; a cast output must not be one.
	g.input = (g.input ?? []).filter((i) => !converted.has(i.name ?? undefined));
	const nodes: Node[] = [...casts];
	for (const n of g.node ?? []) {
		const value =
			n.opType === 'Constant' ? n.attribute?.find((a) => a.name === 'value') : undefined;
		const out = n.output?.[0];
		const half = value?.t && out ? halfOf(value.t, `${out}__fp16`) : undefined;
		if (!half || !value || !out) {
			nodes.push(n);
			continue;
		}
		value.t = half;
		n.output = [`${out}__fp16`];
		nodes.push(n, castToFloat(`${out}__fp16`, out));
	}
	g.node = nodes;
	return onnx.ModelProto.encode(m).finish();
}
