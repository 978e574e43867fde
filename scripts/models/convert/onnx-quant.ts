/**
 * Rewrites an ONNX model so its large Conv / ConvTranspose / MatMul weights are stored as
 * entropy-coded int8 and expanded back to float32 at load time: each weight becomes an int8
 * initializer plus `Cast` → `Mul` by a per-output-channel float32 scale, under the original name,
 * placed first in the graph. onnxruntime constant-folds both nodes when it creates the session, so
 * the graph computes in float32 at unchanged speed (the fp16 storage of `onnx-fp16.ts` works the
 * same way).
 *
 * The point is the *wire* size, not the file size. Each channel's step is a fixed fraction of the
 * channel's RMS (`stepPerRms`), not max/127: the quantised values then have one small, peaked
 * distribution (≈ 3 bits of entropy at step = RMS/2) that brotli codes close to its entropy, while
 * outliers stay exact to the step instead of being clipped (which is what hurts naive int4). A
 * channel whose largest weight would not fit in ±127 steps gets a coarser step (max/127).
 * Deterministic: the same input bytes and options always give the same output bytes.
 */
import onnxProto from 'onnx-proto';
import { floatToHalf } from './tfjs-to-onnx/half.ts';
import { bytesOf, DT } from './tfjs-to-onnx/onnx-builder.ts';

const { onnx } = onnxProto;

type Tensor = onnxProto.onnx.ITensorProto;
type Node = onnxProto.onnx.INodeProto;

/** Weights with fewer elements are not quantised (biases, batch-norm terms, scalars). */
const MIN_ELEMENTS = 1024;

/** What the rewrite knows about one weight when choosing its storage. */
export interface WeightInfo {
	name: string;
	/** The op that consumes it as its weight input. */
	op: 'Conv' | 'ConvTranspose' | 'MatMul';
	dims: number[];
	/** Output-channel axis (the per-channel scale's axis). */
	axis: number;
	elements: number;
}

/** A weight's storage: int8 with step = `stepPerRms` × the channel's RMS, or fp16. */
export type WeightPlan = { stepPerRms: number } | 'fp16';

export interface QuantOptions {
	/** Storage of each weight (those not quantised here stay as they are). */
	plan: (w: WeightInfo) => WeightPlan;
}

function floats(t: Tensor): Float32Array {
	if (t.rawData && t.rawData.length > 0) {
		const copy = new Uint8Array(t.rawData); // aligned copy
		return new Float32Array(copy.buffer, 0, copy.length / 4);
	}
	return Float32Array.from(t.floatData ?? []);
}

/** Quantises `data` per channel along `axis`; returns the int8 values and float32 scales. */
export function quantisePerChannel(
	data: Float32Array,
	dims: number[],
	axis: number,
	stepPerRms: number
): { q: Int8Array; scale: Float32Array } {
	const channels = dims[axis]!;
	const inner = dims.slice(axis + 1).reduce((x, y) => x * y, 1);
	const sq = new Float64Array(channels);
	const max = new Float64Array(channels);
	const count = new Float64Array(channels);
	for (let i = 0; i < data.length; i++) {
		const c = Math.floor(i / inner) % channels;
		const v = data[i]!;
		sq[c] = sq[c]! + v * v;
		max[c] = Math.max(max[c]!, Math.abs(v));
		count[c] = count[c]! + 1;
	}
	const scale = new Float32Array(channels);
	for (let c = 0; c < channels; c++) {
		const rms = Math.sqrt(sq[c]! / count[c]!);
		const s = Math.max(rms * stepPerRms, max[c]! / 127);
		scale[c] = s > 0 ? s : 1;
	}
	const q = new Int8Array(data.length);
	for (let i = 0; i < data.length; i++) {
		const c = Math.floor(i / inner) % channels;
		q[i] = Math.max(-127, Math.min(127, Math.round(data[i]! / scale[c]!)));
	}
	return { q, scale };
}

/** The stored tensors and expansion nodes of one weight (output under `name`). */
function rewrite(
	t: Tensor,
	info: WeightInfo,
	plan: WeightPlan
): { tensors: Tensor[]; nodes: Node[] } {
	const data = floats(t);
	const T = onnx.AttributeProto.AttributeType;
	const cast = (from: string, to: string): Node =>
		onnx.NodeProto.create({
			name: `${to}__cast`,
			opType: 'Cast',
			input: [from],
			output: [to],
			attribute: [{ name: 'to', type: T.INT, i: DT.FLOAT }]
		});
	if (plan === 'fp16') {
		const half = new Uint16Array(data.length);
		for (let i = 0; i < data.length; i++) half[i] = floatToHalf(data[i]!);
		const stored = `${info.name}__fp16`;
		return {
			tensors: [
				onnx.TensorProto.create({ name: stored, dataType: DT.FLOAT16, dims: t.dims, rawData: bytesOf(half) }) // prettier-ignore
			],
			nodes: [cast(stored, info.name)]
		};
	}
	const { q, scale } = quantisePerChannel(data, info.dims, info.axis, plan.stepPerRms);
	const stored = `${info.name}__int8`;
	const scaleName = `${info.name}__scale`;
	const scaleDims = info.dims.map((d, i) => (i === info.axis ? d : 1));
	return {
		tensors: [
			onnx.TensorProto.create({ name: stored, dataType: DT.INT8, dims: t.dims, rawData: bytesOf(q) }), // prettier-ignore
			onnx.TensorProto.create({ name: scaleName, dataType: DT.FLOAT, dims: scaleDims, rawData: bytesOf(scale) }) // prettier-ignore
		],
		nodes: [
			cast(stored, `${info.name}__float`),
			onnx.NodeProto.create({
				name: `${info.name}__dequant`,
				opType: 'Mul',
				input: [`${info.name}__float`, scaleName],
				output: [info.name]
			})
		]
	};
}

/** The weight input of each Conv / ConvTranspose / MatMul, by tensor name. */
function weightUses(nodes: readonly Node[]): Map<string, WeightInfo['op']> {
	const uses = new Map<string, WeightInfo['op'] | null>();
	for (const n of nodes) {
		(n.input ?? []).forEach((name, i) => {
			const op = n.opType;
			const isWeight = i === 1 && (op === 'Conv' || op === 'ConvTranspose' || op === 'MatMul');
			const prev = uses.get(name);
			// A tensor used anywhere else too (or by two kinds of op) is left alone.
			if (!isWeight) uses.set(name, null);
			else if (prev === undefined || prev === op) uses.set(name, op as WeightInfo['op']);
			else uses.set(name, null);
		});
	}
	const out = new Map<string, WeightInfo['op']>();
	for (const [k, v] of uses) if (v) out.set(k, v);
	return out;
}

function infoOf(name: string, op: WeightInfo['op'], t: Tensor): WeightInfo | undefined {
	if (t.dataType !== DT.FLOAT) return undefined;
	const dims = (t.dims ?? []).map(Number);
	const elements = dims.reduce((x, y) => x * y, 1);
	if (elements < MIN_ELEMENTS) return undefined;
	// Conv [out, in/g, k…]; ConvTranspose [in, out/g, k…] (axis 1 only without groups: per input
	// channel is as good a grouping); MatMul B [K, N] → per output column.
	const axis = op === 'MatMul' ? dims.length - 1 : op === 'ConvTranspose' ? 1 : 0;
	return { name, op, dims, axis, elements };
}

/**
 * Returns the model with its Conv / ConvTranspose / MatMul weights of ≥ 1024 elements stored as
 * `opts.plan` says, whether they are initializers or `Constant` nodes (Paddle2ONNX at opset 9
 * writes the latter). Everything else is kept as it is.
 */
export function storeWeightsQuantised(model: Uint8Array, opts: QuantOptions): Uint8Array {
	const m = onnx.ModelProto.decode(model);
	const g = m.graph!;
	const uses = weightUses(g.node ?? []);
	const front: Node[] = [];
	const initializers: Tensor[] = [];
	const converted = new Set<string>();
	for (const t of g.initializer ?? []) {
		const op = t.name ? uses.get(t.name) : undefined;
		const info = op && t.name ? infoOf(t.name, op, t) : undefined;
		if (!info) {
			initializers.push(t);
			continue;
		}
		const r = rewrite(t, info, opts.plan(info));
		initializers.push(...r.tensors);
		front.push(...r.nodes);
		converted.add(info.name);
	}
	const rest: Node[] = [];
	for (const n of g.node ?? []) {
		const out = n.output?.[0];
		const value =
			n.opType === 'Constant' ? n.attribute?.find((a) => a.name === 'value') : undefined;
		const op = out ? uses.get(out) : undefined;
		const info = value?.t && op && out ? infoOf(out, op, value.t) : undefined;
		if (!info || !value?.t) {
			rest.push(n);
			continue;
		}
		const r = rewrite(value.t, info, opts.plan(info));
		initializers.push(...r.tensors);
		front.push(...r.nodes);
		converted.add(info.name);
	}
	g.initializer = initializers;
	// Old exporters also list initializers as graph inputs; a rewritten weight must not be one.
	g.input = (g.input ?? []).filter((i) => !converted.has(i.name ?? ''));
	g.node = [...front, ...rest];
	return onnx.ModelProto.encode(m).finish();
}
