/**
 * Edits a TFLite model without regenerating it: the original bytes are kept verbatim (16-byte
 * aligned, so constant buffers stay aligned) at the end of a new FlatBuffer whose new root `Model`
 * points forward into them, adding tensors, operators, buffers and metadata entries. FlatBuffer
 * offsets only point forward, so the old objects can be shared as they are; only the root model,
 * the first subgraph and the vectors that grow are written anew.
 *
 * Field numbers: `schema/tflite-subset.fbs`.
 */
import { Builder, type Offset } from 'flatbuffers';
import { Table } from './table.ts';

export type TensorType = 'float32' | 'int32';
const TENSOR_TYPE: Record<TensorType, number> = { float32: 0, int32: 2 };

/** A tensor to append; `data` makes it a constant (its own buffer). */
export interface NewTensor {
	name: string;
	shape: number[];
	type: TensorType;
	data?: Uint8Array;
}

/** An operator to append after the existing ones (they run in order). */
export interface NewOperator {
	/** `BuiltinOperator` code, e.g. 2 = CONCATENATION, 65 = SLICE. */
	builtin: number;
	version?: number;
	inputs: number[];
	outputs: number[];
	/** `BuiltinOptions` union type and a writer for the options table. */
	options: { type: number; write(b: Builder): Offset };
}

export interface TfliteEdit {
	/** Appended to subgraph 0; their indices start at the old tensor count. */
	tensors?: NewTensor[];
	operators?: NewOperator[];
	/** Replaces subgraph 0's output tensor indices. */
	outputs?: number[];
	/** `Model.metadata` entries to add (e.g. `TFLITE_METADATA`), each stored as a new buffer. */
	metadata?: { name: string; data: Uint8Array }[];
}

const MODEL_FIELDS = 8; // version … signature_defs
const SUBGRAPH_FIELDS = 5; // tensors, inputs, outputs, operators, name

function offsetVector(b: Builder, offsets: Offset[]): Offset {
	b.startVector(4, offsets.length, 4);
	for (let i = offsets.length - 1; i >= 0; i--) b.addOffset(offsets[i]!);
	return b.endVector();
}

function intVector(b: Builder, values: number[]): Offset {
	b.startVector(4, values.length, 4);
	for (let i = values.length - 1; i >= 0; i--) b.addInt32(values[i]!);
	return b.endVector();
}

function bytesVector(b: Builder, bytes: Uint8Array, align = 16): Offset {
	b.startVector(1, bytes.length, align);
	for (let i = bytes.length - 1; i >= 0; i--) b.writeInt8(bytes[i]!);
	return b.endVector();
}

/** Returns the edited model (the input is not modified). */
export function editTflite(model: Uint8Array, edit: TfliteEdit): Uint8Array {
	const root = Table.root(model);
	if (root.fieldCount > MODEL_FIELDS) throw new Error('tflite: unknown Model fields');
	if (root.has(7) && edit.outputs) throw new Error('tflite: signature_defs would go stale');
	const [graph, ...otherGraphs] = root.tables(2);
	if (!graph) throw new Error('tflite: no subgraph');
	if (graph.fieldCount > SUBGRAPH_FIELDS) throw new Error('tflite: unknown SubGraph fields');

	const b = new Builder(model.length + 65536);
	b.prep(16, 0);
	b.pad((16 - (model.length % 16)) % 16);
	b.prep(1, model.length);
	for (let i = model.length - 1; i >= 0; i--) b.writeInt8(model[i]!);
	const base = b.offset(); // builder offset of old byte 0
	const old = (pos: number): Offset => base - pos;
	const oldTarget = (t: Table, i: number): Offset | null => {
		const p = t.target(i);
		return p === null ? null : old(p);
	};

	const oldBuffers = root.tables(4).map((t) => old(t.pos));
	const newBuffers: Offset[] = [];
	const addBuffer = (data: Uint8Array): number => {
		const vec = bytesVector(b, data);
		b.startObject(1);
		b.addFieldOffset(0, vec, 0);
		newBuffers.push(b.endObject());
		return oldBuffers.length + newBuffers.length - 1;
	};

	const tensors = graph.tables(0).map((t) => old(t.pos));
	for (const t of edit.tensors ?? []) {
		const buffer = t.data ? addBuffer(t.data) : 0; // buffer 0 is the empty sentinel
		const shape = intVector(b, t.shape);
		const name = b.createString(t.name);
		b.startObject(4);
		b.addFieldOffset(0, shape, 0);
		b.addFieldInt8(1, TENSOR_TYPE[t.type], 0);
		b.addFieldInt32(2, buffer, 0);
		b.addFieldOffset(3, name, 0);
		tensors.push(b.endObject());
	}

	const codes = root.tables(1);
	const codeOffsets = codes.map((t) => old(t.pos));
	// builtin_code supersedes the byte-sized deprecated_builtin_code; TFLite reads the larger.
	const codeKeys = codes.map((t) => `${Math.max(t.int8(0), t.int32(3))}/${t.int32(2, 1)}`);
	const opcodeIndex = (builtin: number, version: number): number => {
		const found = codeKeys.indexOf(`${builtin}/${version}`);
		if (found >= 0) return found;
		b.startObject(4);
		b.addFieldInt8(0, Math.min(builtin, 127), 0); // deprecated_builtin_code (a byte)
		b.addFieldInt32(2, version, 1);
		b.addFieldInt32(3, builtin, 0);
		codeOffsets.push(b.endObject());
		codeKeys.push(`${builtin}/${version}`);
		return codeOffsets.length - 1;
	};

	const operators = graph.tables(3).map((t) => old(t.pos));
	for (const op of edit.operators ?? []) {
		const index = opcodeIndex(op.builtin, op.version ?? 1);
		const inputs = intVector(b, op.inputs);
		const outputs = intVector(b, op.outputs);
		const options = op.options.write(b);
		b.startObject(5);
		b.addFieldInt32(0, index, 0);
		b.addFieldOffset(1, inputs, 0);
		b.addFieldOffset(2, outputs, 0);
		b.addFieldInt8(3, op.options.type, 0);
		b.addFieldOffset(4, options, 0);
		operators.push(b.endObject());
	}

	const metadata = root.tables(6).map((t) => old(t.pos));
	for (const m of edit.metadata ?? []) {
		const buffer = addBuffer(m.data);
		const name = b.createString(m.name);
		b.startObject(2);
		b.addFieldOffset(0, name, 0);
		b.addFieldInt32(1, buffer, 0);
		metadata.push(b.endObject());
	}

	const tensorsVec = offsetVector(b, tensors);
	const operatorsVec = offsetVector(b, operators);
	const outputsVec = edit.outputs ? intVector(b, edit.outputs) : oldTarget(graph, 2);
	b.startObject(SUBGRAPH_FIELDS);
	b.addFieldOffset(0, tensorsVec, 0);
	b.addFieldOffset(1, oldTarget(graph, 1) ?? 0, 0);
	b.addFieldOffset(2, outputsVec ?? 0, 0);
	b.addFieldOffset(3, operatorsVec, 0);
	b.addFieldOffset(4, oldTarget(graph, 4) ?? 0, 0);
	const newGraph = b.endObject();

	const codesVec = offsetVector(b, codeOffsets);
	const graphsVec = offsetVector(b, [newGraph, ...otherGraphs.map((t) => old(t.pos))]);
	const buffersVec = offsetVector(b, [...oldBuffers, ...newBuffers]);
	const metadataVec = offsetVector(b, metadata);
	b.startObject(MODEL_FIELDS);
	b.addFieldInt32(0, root.uint32(0), 0);
	b.addFieldOffset(1, codesVec, 0);
	b.addFieldOffset(2, graphsVec, 0);
	b.addFieldOffset(3, oldTarget(root, 3) ?? 0, 0);
	b.addFieldOffset(4, buffersVec, 0);
	b.addFieldOffset(5, oldTarget(root, 5) ?? 0, 0);
	b.addFieldOffset(6, metadataVec, 0);
	b.addFieldOffset(7, oldTarget(root, 7) ?? 0, 0);
	b.finish(b.endObject(), 'TFL3');
	return b.asUint8Array().slice();
}
