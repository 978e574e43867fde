/**
 * Reads a TF.js graph model (`model.json` + weight shards) into plain nodes and decoded constants.
 * Handles the weight quantisations `tensorflowjs_converter` writes (float16, uint8/uint16 affine).
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { halfToFloat } from './half.ts';

/** A node of the TF graph (attributes keep TF's JSON form). */
export interface TfNode {
	name: string;
	op: string;
	inputs: string[];
	attr: Record<string, TfAttr>;
}

export interface TfAttr {
	s?: string;
	i?: string;
	f?: number;
	b?: boolean;
	list?: { i?: string[]; s?: string[]; f?: number[] };
	shape?: { dim?: { size: string }[] };
	type?: string;
}

/** A decoded constant (every TF.js graph constant lives in the weight manifest). */
export interface TfConst {
	shape: number[];
	dtype: 'float32' | 'int32';
	data: Float32Array | Int32Array;
}

export interface TfGraph {
	nodes: TfNode[];
	consts: Map<string, TfConst>;
}

interface WeightSpec {
	name: string;
	shape: number[];
	dtype: 'float32' | 'int32' | 'bool';
	quantization?: { dtype: 'float16' | 'uint8' | 'uint16'; min?: number; scale?: number };
}

interface ModelJson {
	format: string;
	modelTopology: {
		node: { name: string; op: string; input?: string[]; attr?: Record<string, TfAttr> }[];
	};
	weightsManifest: { paths: string[]; weights: WeightSpec[] }[];
}

const BYTES: Record<string, number> = { float16: 2, uint8: 1, uint16: 2, float32: 4, int32: 4 };

function decode(spec: WeightSpec, bytes: Uint8Array): TfConst {
	const n = spec.shape.reduce((a, b) => a * b, 1);
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const q = spec.quantization;
	if (spec.dtype === 'int32' && !q) {
		const data = new Int32Array(n);
		for (let i = 0; i < n; i++) data[i] = view.getInt32(i * 4, true);
		return { shape: spec.shape, dtype: 'int32', data };
	}
	if (spec.dtype !== 'float32') throw new Error(`weight ${spec.name}: dtype ${spec.dtype}`);
	const data = new Float32Array(n);
	for (let i = 0; i < n; i++) {
		if (!q) data[i] = view.getFloat32(i * 4, true);
		else if (q.dtype === 'float16') data[i] = halfToFloat(view.getUint16(i * 2, true));
		else {
			const v = q.dtype === 'uint8' ? view.getUint8(i) : view.getUint16(i * 2, true);
			data[i] = v * (q.scale ?? 1) + (q.min ?? 0);
		}
	}
	return { shape: spec.shape, dtype: 'float32', data };
}

/** Loads `model.json` and its shards from disk. */
export async function readTfjsGraph(modelJsonPath: string): Promise<TfGraph> {
	const json = JSON.parse(await readFile(modelJsonPath, 'utf8')) as ModelJson;
	if (json.format !== 'graph-model') throw new Error(`not a TF.js graph model: ${json.format}`);
	const consts = new Map<string, TfConst>();
	for (const group of json.weightsManifest) {
		const shards = await Promise.all(
			group.paths.map((p) => readFile(join(dirname(modelJsonPath), p)))
		);
		const all = new Uint8Array(Buffer.concat(shards));
		let offset = 0;
		for (const spec of group.weights) {
			const n = spec.shape.reduce((a, b) => a * b, 1);
			const size = n * (BYTES[spec.quantization?.dtype ?? spec.dtype] ?? 4);
			consts.set(spec.name, decode(spec, all.subarray(offset, offset + size)));
			offset += size;
		}
	}
	const nodes = json.modelTopology.node.map((n) => ({
		name: n.name,
		op: n.op,
		inputs: n.input ?? [],
		attr: n.attr ?? {}
	}));
	return { nodes, consts };
}

/** Decodes a TF string attribute (base64 in model.json). */
export function attrString(a: TfAttr | undefined): string | undefined {
	return a?.s === undefined ? undefined : Buffer.from(a.s, 'base64').toString('utf8');
}

export function attrInts(a: TfAttr | undefined): number[] {
	return (a?.list?.i ?? []).map(Number);
}

export function attrStrings(a: TfAttr | undefined): string[] {
	return (a?.list?.s ?? []).map((s) => Buffer.from(s, 'base64').toString('utf8'));
}
