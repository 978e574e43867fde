/** TF op → ONNX op handlers (opset 13). Each handler emits nodes and records its output. */
import { NHWC_TO_NCHW, type ConvertContext } from './context.ts';
import { attrInts, attrString, attrStrings, type TfNode } from './tfjs-graph.ts';
import { SHAPE_HANDLERS } from './ops-shape.ts';
import { addWeight } from './weights.ts';

type Handler = (ctx: ConvertContext, n: TfNode) => void;

const BINARY: Record<string, string> = {
	Add: 'Add',
	AddV2: 'Add',
	BiasAdd: 'Add',
	Sub: 'Sub',
	Mul: 'Mul',
	RealDiv: 'Div',
	Minimum: 'Min',
	Maximum: 'Max'
};
const UNARY: Record<string, string> = {
	Relu: 'Relu',
	Sigmoid: 'Sigmoid',
	Abs: 'Abs',
	Identity: 'Identity',
	Sqrt: 'Sqrt',
	Exp: 'Exp',
	Tanh: 'Tanh'
};

function binary(ctx: ConvertContext, n: TfNode): void {
	const [a, b] = n.inputs;
	const ca = ctx.constOf(a!);
	const cb = ctx.constOf(b!);
	if (ca && cb) throw new Error(`tfjs-to-onnx: ${n.name} has two constant inputs`);
	const rank = ca ? ctx.value(b!).rank : ctx.value(a!).rank;
	const x = ctx.operand(a!, rank);
	const y = ctx.operand(b!, rank);
	const op = BINARY[n.op]!;
	ctx.set(n.name, ctx.b.node(op, [x.name, y.name], ctx.b.fresh(n.name)), Math.max(x.rank, y.rank));
}

/** Applies the activations TF fuses into Conv2D/MatMul (after the bias). */
function activation(
	ctx: ConvertContext,
	n: TfNode,
	x: string,
	ops: string[],
	rank: number
): string {
	const b = ctx.b;
	for (const op of ops) {
		if (op === 'BiasAdd') continue;
		if (op === 'Relu') x = b.node('Relu', [x], b.fresh(`${n.name}/relu`));
		else if (op === 'Relu6') {
			const lo = b.float(b.fresh(`${n.name}/zero`), [], new Float32Array([0]));
			const hi = b.float(b.fresh(`${n.name}/six`), [], new Float32Array([6]));
			x = b.node('Clip', [x, lo, hi], b.fresh(`${n.name}/relu6`));
		} else if (op === 'Sigmoid') x = b.node('Sigmoid', [x], b.fresh(`${n.name}/sigmoid`));
		else if (op === 'Elu') x = b.node('Elu', [x], b.fresh(`${n.name}/elu`));
		else if (op === 'LeakyRelu') {
			const alpha = n.attr['leakyrelu_alpha']?.f ?? 0.2;
			x = b.node('LeakyRelu', [x], b.fresh(`${n.name}/leaky`), { alpha: { float: alpha } });
		} else if (op === 'Prelu') {
			const alpha = ctx.operand(n.inputs[3]!, rank).name;
			x = b.node('PRelu', [x, alpha], b.fresh(`${n.name}/prelu`));
		} else throw new Error(`tfjs-to-onnx: fused op ${op} in ${n.name}`);
	}
	return x;
}

function conv(ctx: ConvertContext, n: TfNode): void {
	const depthwise = n.op.includes('Depthwise');
	if ((attrString(n.attr['data_format']) ?? 'NHWC') !== 'NHWC')
		throw new Error(`tfjs-to-onnx: ${n.name} is not NHWC`);
	const fused = attrStrings(n.attr['fused_ops']);
	if (fused.includes('FusedBatchNorm')) throw new Error(`tfjs-to-onnx: ${n.name} FusedBatchNorm`);
	const x = ctx.value(n.inputs[0]!);
	const f = ctx.constOf(n.inputs[1]!);
	if (!f) throw new Error(`tfjs-to-onnx: ${n.name} filter is not constant`);
	const [kh, kw, cin, m] = f.shape as [number, number, number, number];
	// TF HWIO (or H,W,C,multiplier) → ONNX OIHW (depthwise: [C*m, 1, H, W], group = C).
	const cout = depthwise ? cin * m : m;
	const w = new Float32Array(f.data.length);
	for (let y = 0; y < kh; y++)
		for (let xx = 0; xx < kw; xx++)
			for (let i = 0; i < cin; i++)
				for (let o = 0; o < m; o++) {
					const src = f.data[((y * kw + xx) * cin + i) * m + o]!;
					const oc = depthwise ? i * m + o : o;
					const ic = depthwise ? 0 : i;
					const icn = depthwise ? 1 : cin;
					w[((oc * icn + ic) * kh + y) * kw + xx] = src;
				}
	const dims = [cout, depthwise ? 1 : cin, kh, kw];
	const wName = addWeight(ctx.b, `${n.name}/weights`, dims, w, ctx.storage, 0);
	const inputs = [x.name, wName];
	if (fused.includes('BiasAdd')) {
		const bias = ctx.constOf(n.inputs[2]!);
		if (!bias) throw new Error(`tfjs-to-onnx: ${n.name} bias is not constant`);
		inputs.push(ctx.b.float(ctx.b.fresh(`${n.name}/bias`), [cout], bias.data as Float32Array));
	}
	const strides = attrInts(n.attr['strides']);
	const dil = attrInts(n.attr['dilations']);
	const padding = attrString(n.attr['padding']) ?? 'VALID';
	const attrs: Record<string, number | number[] | string> = {
		kernel_shape: [kh, kw],
		strides: [strides[1] ?? 1, strides[2] ?? 1],
		dilations: [dil[1] ?? 1, dil[2] ?? 1],
		group: depthwise ? cin : 1
	};
	if (padding === 'SAME') attrs['auto_pad'] = 'SAME_UPPER';
	else if (padding === 'EXPLICIT') {
		const p = attrInts(n.attr['explicit_paddings']);
		attrs['pads'] = [p[2]!, p[4]!, p[3]!, p[5]!];
	}
	const y = ctx.b.node('Conv', inputs, ctx.b.fresh(`${n.name}/conv`), attrs);
	ctx.set(n.name, activation(ctx, n, y, fused, 4), 4);
}

function matmul(ctx: ConvertContext, n: TfNode): void {
	const a = ctx.value(n.inputs[0]!);
	if (a.rank !== 2) throw new Error(`tfjs-to-onnx: ${n.name} MatMul of rank ${a.rank}`);
	const k = ctx.constOf(n.inputs[1]!);
	if (!k) throw new Error(`tfjs-to-onnx: ${n.name} weights are not constant`);
	const transB = n.attr['transpose_b']?.b ? 1 : 0;
	const kName = addWeight(
		ctx.b,
		`${n.name}/kernel`,
		k.shape,
		k.data as Float32Array,
		ctx.storage,
		transB ? 0 : 1
	);
	const fused = attrStrings(n.attr['fused_ops']);
	const inputs = [a.name, kName];
	if (fused.includes('BiasAdd')) inputs.push(ctx.operand(n.inputs[2]!, 2).name);
	const attrs = { transA: n.attr['transpose_a']?.b ? 1 : 0, transB };
	const y = ctx.b.node('Gemm', inputs, ctx.b.fresh(`${n.name}/gemm`), attrs);
	ctx.set(n.name, activation(ctx, n, y, fused, 2), 2);
}

function reduce(ctx: ConvertContext, n: TfNode): void {
	const x = ctx.value(n.inputs[0]!);
	const keep = n.attr['keep_dims']?.b ? 1 : 0;
	let axes = ctx.ints(n.inputs[1]!).map((a) => (a < 0 ? a + x.rank : a));
	if (x.rank === 4) {
		if (!keep && !(axes.includes(1) && axes.includes(2)))
			throw new Error(`tfjs-to-onnx: ${n.name} reduces NHWC axes ${axes} without keep_dims`);
		axes = axes.map((a) => NHWC_TO_NCHW[a]!);
	}
	const out = ctx.b.fresh(n.name);
	if (n.op === 'Mean') ctx.b.node('ReduceMean', [x.name], out, { axes, keepdims: keep });
	else
		ctx.b.node('ReduceSum', [x.name, ctx.b.int64(ctx.b.fresh(`${n.name}/axes`), axes)], out, {
			keepdims: keep
		});
	ctx.set(n.name, out, keep ? x.rank : x.rank - axes.length);
}

function unary(ctx: ConvertContext, n: TfNode): void {
	const x = ctx.value(n.inputs[0]!);
	const b = ctx.b;
	let y: string;
	if (n.op === 'Relu6') y = activation(ctx, n, x.name, ['Relu6'], x.rank);
	else if (n.op === 'Square') y = b.node('Mul', [x.name, x.name], b.fresh(n.name));
	else if (n.op === 'Rsqrt')
		y = b.node(
			'Reciprocal',
			[b.node('Sqrt', [x.name], b.fresh(`${n.name}/sqrt`))],
			b.fresh(n.name)
		);
	else if (n.op === 'Softmax') {
		if (x.rank === 4) throw new Error(`tfjs-to-onnx: ${n.name} softmax over NHWC channels`);
		y = b.node('Softmax', [x.name], b.fresh(n.name), { axis: -1 });
	} else y = b.node(UNARY[n.op]!, [x.name], b.fresh(n.name));
	ctx.set(n.name, y, x.rank);
}

function squeeze(ctx: ConvertContext, n: TfNode): void {
	const x = ctx.value(n.inputs[0]!);
	let axes = attrInts(n.attr['squeeze_dims']).map((a) => (a < 0 ? a + x.rank : a));
	if (x.rank === 4) {
		if (!(axes.includes(1) && axes.includes(2))) throw new Error(`tfjs-to-onnx: ${n.name} squeeze`);
		axes = axes.map((a) => NHWC_TO_NCHW[a]!);
	}
	const out = ctx.b.node(
		'Squeeze',
		[x.name, ctx.b.int64(ctx.b.fresh(`${n.name}/axes`), axes)],
		ctx.b.fresh(n.name)
	);
	ctx.set(n.name, out, x.rank - axes.length);
}

export const HANDLERS: Record<string, Handler> = {
	Conv2D: conv,
	_FusedConv2D: conv,
	DepthwiseConv2dNative: conv,
	FusedDepthwiseConv2dNative: conv,
	MatMul: matmul,
	_FusedMatMul: matmul,
	Mean: reduce,
	Sum: reduce,
	Squeeze: squeeze,
	Relu6: unary,
	Square: unary,
	Rsqrt: unary,
	Softmax: unary,
	...SHAPE_HANDLERS,
	...Object.fromEntries(Object.keys(UNARY).map((k) => [k, unary])),
	...Object.fromEntries(Object.keys(BINARY).map((k) => [k, binary]))
};
