/** State shared by the op handlers while one TF graph is converted. */
import type { OnnxGraphBuilder } from './onnx-builder.ts';
import type { TfConst, TfGraph } from './tfjs-graph.ts';
import { addWeight, type WeightStorage } from './weights.ts';

/** NHWC axis → NCHW axis (every 4-D activation is kept NCHW in the ONNX graph). */
export const NHWC_TO_NCHW = [0, 2, 3, 1] as const;

export class ConvertContext {
	/** TF tensor name → ONNX tensor name and rank. */
	readonly values = new Map<string, { name: string; rank: number }>();

	constructor(
		readonly b: OnnxGraphBuilder,
		readonly graph: TfGraph,
		readonly storage: WeightStorage
	) {}

	/** The constant behind a TF input name, if it is one. */
	constOf(input: string): TfConst | undefined {
		return this.graph.consts.get(stripPort(input));
	}

	/** ONNX name and rank of a computed TF tensor. */
	value(input: string): { name: string; rank: number } {
		const v = this.values.get(stripPort(input));
		if (!v) throw new Error(`tfjs-to-onnx: ${input} is not computed yet (unsupported producer?)`);
		return v;
	}

	set(tfName: string, name: string, rank: number): void {
		this.values.set(tfName, { name, rank });
	}

	/**
	 * An operand of an element-wise op: a computed tensor, or a constant laid out to broadcast
	 * against an NCHW activation of rank `otherRank` (per-channel [C] becomes [C,1,1]).
	 */
	operand(input: string, otherRank: number): { name: string; rank: number } {
		const c = this.constOf(input);
		if (!c) return this.value(input);
		let dims = c.shape;
		let data = c.data;
		if (otherRank === 4 && dims.length === 1 && dims[0]! > 1) dims = [dims[0]!, 1, 1];
		else if (otherRank === 4 && dims.length === 4) {
			data = nhwcToNchw(c.data, dims);
			dims = [dims[0]!, dims[3]!, dims[1]!, dims[2]!];
		}
		if (c.dtype === 'int32') throw new Error(`tfjs-to-onnx: int32 operand ${input}`);
		const name = addWeight(this.b, stripPort(input), dims, data as Float32Array, this.storage);
		return { name, rank: Math.max(dims.length, 1) };
	}

	/** An int32 constant's values (axes, shapes). */
	ints(input: string): number[] {
		const c = this.constOf(input);
		if (!c) throw new Error(`tfjs-to-onnx: ${input} must be a constant`);
		return Array.from(c.data);
	}
}

export function stripPort(input: string): string {
	return input.replace(/^\^/, '').replace(/:0$/, '');
}

function nhwcToNchw(src: Float32Array | Int32Array, [n, h, w, c]: number[]): Float32Array {
	const out = new Float32Array(src.length);
	for (let a = 0; a < n!; a++)
		for (let y = 0; y < h!; y++)
			for (let x = 0; x < w!; x++)
				for (let k = 0; k < c!; k++)
					out[((a * c! + k) * h! + y) * w! + x] = src[((a * h! + y) * w! + x) * c! + k]!;
	return out;
}
