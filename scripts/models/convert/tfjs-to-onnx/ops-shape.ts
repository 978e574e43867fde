/**
 * Pooling and layout ops for detector models (BlazeFace): `MaxPool`, `Pad` and `Reshape`.
 * Activations are NCHW inside the ONNX graph, so NHWC attributes are mapped to NCHW, and a
 * `Reshape` of a 4-D activation first transposes back to NHWC (TF's element order).
 */
import { NHWC_TO_NCHW, type ConvertContext } from './context.ts';
import { attrInts, attrString, type TfNode } from './tfjs-graph.ts';

type Handler = (ctx: ConvertContext, n: TfNode) => void;

function maxPool(ctx: ConvertContext, n: TfNode): void {
	if ((attrString(n.attr['data_format']) ?? 'NHWC') !== 'NHWC')
		throw new Error(`tfjs-to-onnx: ${n.name} is not NHWC`);
	const x = ctx.value(n.inputs[0]!);
	const k = attrInts(n.attr['ksize']);
	const s = attrInts(n.attr['strides']);
	if ((k[0] ?? 1) !== 1 || (k[3] ?? 1) !== 1)
		throw new Error(`tfjs-to-onnx: ${n.name} pools over batch or channels`);
	const attrs: Record<string, number[] | string> = {
		kernel_shape: [k[1]!, k[2]!],
		strides: [s[1] ?? 1, s[2] ?? 1]
	};
	if ((attrString(n.attr['padding']) ?? 'VALID') === 'SAME') attrs['auto_pad'] = 'SAME_UPPER';
	ctx.set(n.name, ctx.b.node('MaxPool', [x.name], ctx.b.fresh(n.name), attrs), 4);
}

function pad(ctx: ConvertContext, n: TfNode): void {
	const x = ctx.value(n.inputs[0]!);
	const p = ctx.ints(n.inputs[1]!);
	if (p.length !== x.rank * 2) throw new Error(`tfjs-to-onnx: ${n.name} paddings`);
	// TF: [[begin, end] per axis]; ONNX: all begins, then all ends, in the ONNX axis order.
	const order = x.rank === 4 ? [0, 3, 1, 2] : [...Array(x.rank).keys()];
	const pads = [...order.map((a) => p[a * 2]!), ...order.map((a) => p[a * 2 + 1]!)];
	const padsName = ctx.b.int64(ctx.b.fresh(`${n.name}/pads`), pads);
	ctx.set(
		n.name,
		ctx.b.node('Pad', [x.name, padsName], ctx.b.fresh(n.name), { mode: 'constant' }),
		x.rank
	);
}

function reshape(ctx: ConvertContext, n: TfNode): void {
	const x = ctx.value(n.inputs[0]!);
	const shape = ctx.ints(n.inputs[1]!);
	if (shape.length === 4) throw new Error(`tfjs-to-onnx: ${n.name} reshapes to 4-D`);
	let input = x.name;
	if (x.rank === 4) {
		// Back to NHWC so the flattened element order is TF's.
		const perm = [0, 1, 2, 3].map((a) => NHWC_TO_NCHW[a]!);
		input = ctx.b.node('Transpose', [x.name], ctx.b.fresh(`${n.name}/nhwc`), { perm });
	}
	const shapeName = ctx.b.int64(ctx.b.fresh(`${n.name}/shape`), shape);
	ctx.set(n.name, ctx.b.node('Reshape', [input, shapeName], ctx.b.fresh(n.name)), shape.length);
}

export const SHAPE_HANDLERS: Record<string, Handler> = {
	MaxPool: maxPool,
	Pad: pad,
	Reshape: reshape
};
