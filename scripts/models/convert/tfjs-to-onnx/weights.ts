/**
 * How large float weights are stored in the ONNX file. `fp16` and `int8` keep the graph in float32
 * and expand weights at load time (Cast, or Cast + per-channel Mul), which onnxruntime constant-folds.
 */
import { floatToHalf } from './half.ts';
import { bytesOf, DT, type OnnxGraphBuilder } from './onnx-builder.ts';

export type WeightStorage = 'fp32' | 'fp16' | 'int8';

/** Tensors smaller than this stay float32 (biases, batch-norm terms, scalars). */
const MIN_ELEMENTS = 1024;

/**
 * Adds a float weight and returns the name of a float32 tensor holding it.
 * `channelAxis` is the output-channel axis used for per-channel int8 scales.
 */
export function addWeight(
	b: OnnxGraphBuilder,
	name: string,
	dims: number[],
	data: Float32Array,
	storage: WeightStorage,
	channelAxis = 0
): string {
	if (storage === 'fp32' || data.length < MIN_ELEMENTS) return b.float(b.fresh(name), dims, data);
	const out = b.fresh(name);
	if (storage === 'fp16') {
		const half = new Uint16Array(data.length);
		for (let i = 0; i < data.length; i++) half[i] = floatToHalf(data[i]!);
		const stored = b.initializer(b.fresh(`${name}/fp16`), DT.FLOAT16, dims, bytesOf(half));
		return b.node('Cast', [stored], out, { to: DT.FLOAT });
	}
	const channels = dims[channelAxis]!;
	const inner = dims.slice(channelAxis + 1).reduce((x, y) => x * y, 1);
	const max = new Float32Array(channels);
	for (let i = 0; i < data.length; i++) {
		const c = Math.floor(i / inner) % channels;
		max[c] = Math.max(max[c]!, Math.abs(data[i]!));
	}
	const scale = max.map((m) => (m > 0 ? m / 127 : 1));
	const q = new Int8Array(data.length);
	for (let i = 0; i < data.length; i++) {
		const c = Math.floor(i / inner) % channels;
		q[i] = Math.max(-127, Math.min(127, Math.round(data[i]! / scale[c]!)));
	}
	const stored = b.initializer(b.fresh(`${name}/int8`), DT.INT8, dims, bytesOf(q));
	const scaleDims = dims.map((d, i) => (i === channelAxis ? d : 1));
	const scaleName = b.float(b.fresh(`${name}/scale`), scaleDims, scale);
	const cast = b.node('Cast', [stored], b.fresh(`${name}/cast`), { to: DT.FLOAT });
	return b.node('Mul', [cast, scaleName], out);
}
