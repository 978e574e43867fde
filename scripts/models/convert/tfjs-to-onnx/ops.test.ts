/**
 * Every op the converter supports, on a small hand-written TF.js graph with seeded random weights:
 * the ONNX model (onnxruntime-node) must compute what TF.js computes, for each weight storage.
 * (faceres itself is checked on real faces in ../faceres.test.ts.)
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { convertTfjsToOnnx } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'tfjs-to-onnx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;

const b64 = (s: string) => Buffer.from(s).toString('base64');
const ints = (...i: number[]) => ({ list: { i: i.map(String) } });
const ops = (...s: string[]) => ({ list: { s: s.map(b64) } });

// name → [shape, dtype]; weights are written in this order.
const WEIGHTS: [string, number[], 'float32' | 'int32'][] = [
	['w1', [3, 3, 3, 32], 'float32'],
	['b1', [32], 'float32'],
	['dw', [3, 3, 32, 2], 'float32'],
	['db', [64], 'float32'],
	['alpha', [64], 'float32'],
	['k1', [64], 'float32'],
	['eps', [], 'float32'],
	['sumAxes', [1], 'int32'],
	['meanAxes', [2], 'int32'],
	['wm', [64, 40], 'float32'],
	['bm', [40], 'float32']
];

function writeModel(): string {
	const chunks: Buffer[] = [];
	for (const [name, shape, dtype] of WEIGHTS) {
		const n = shape.reduce((a, b) => a * b, 1);
		if (dtype === 'int32') chunks.push(Buffer.from(new Int32Array(name === 'sumAxes' ? [3] : [1, 2]).buffer));
		else chunks.push(Buffer.from(Float32Array.from({ length: n }, () => (name === 'eps' ? 0.5 : rand() * 0.5)).buffer)); // prettier-ignore
	}
	const node = (name: string, op: string, input: string[], attr: Record<string, unknown> = {}) => ({ name, op, input, attr }); // prettier-ignore
	const graph = [
		node('x', 'Placeholder', [], { shape: { shape: { dim: [{ size: '-1' }, { size: '16' }, { size: '16' }, { size: '3' }] } } }), // prettier-ignore
		...WEIGHTS.map(([n]) => node(n, 'Const', [])),
		node('c1', '_FusedConv2D', ['x', 'w1', 'b1'], { strides: ints(1, 2, 2, 1), padding: { s: b64('SAME') }, dilations: ints(1, 1, 1, 1), fused_ops: ops('BiasAdd', 'Relu6'), num_args: { i: '1' }, data_format: { s: b64('NHWC') } }), // prettier-ignore
		node('d1', 'FusedDepthwiseConv2dNative', ['c1', 'dw', 'db', 'alpha'], { strides: ints(1, 1, 1, 1), padding: { s: b64('VALID') }, dilations: ints(1, 1, 1, 1), fused_ops: ops('BiasAdd', 'Prelu'), num_args: { i: '2' }, data_format: { s: b64('NHWC') } }), // prettier-ignore
		node('s1', 'Sub', ['d1', 'k1']),
		node('a1', 'Abs', ['s1']),
		node('q1', 'Square', ['a1']),
		node('sum', 'Sum', ['q1', 'sumAxes'], { keep_dims: { b: true } }),
		node('se', 'AddV2', ['sum', 'eps']),
		node('r', 'Rsqrt', ['se']),
		node('n', 'Mul', ['q1', 'r']),
		node('m', 'Mean', ['n', 'meanAxes'], { keep_dims: { b: true } }),
		node('sq', 'Squeeze', ['m'], { squeeze_dims: ints(1, 2) }),
		node('g', '_FusedMatMul', ['sq', 'wm', 'bm'], { transpose_a: { b: false }, transpose_b: { b: false }, fused_ops: ops('BiasAdd'), num_args: { i: '1' } }), // prettier-ignore
		node('soft', 'Softmax', ['g']),
		node('sig', 'Sigmoid', ['g'])
	];
	const json = {
		format: 'graph-model',
		modelTopology: { node: graph, library: {}, versions: {} },
		weightsManifest: [{ paths: ['w.bin'], weights: WEIGHTS.map(([name, shape, dtype]) => ({ name, shape, dtype })) }] // prettier-ignore
	};
	writeFileSync(join(dir, 'w.bin'), Buffer.concat(chunks));
	writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
	return join(dir, 'model.json');
}

describe('tfjs-to-onnx ops', () => {
	const modelJson = writeModel();
	const input = Float32Array.from({ length: 2 * 16 * 16 * 3 }, () => rand() * 3);

	it.each(['fp32', 'fp16', 'int8'] as const)(
		'agrees with TF.js (%s weights), batch of 2',
		async (storage) => {
			await tf.setBackend('cpu');
			const json = JSON.parse(readFileSync(modelJson, 'utf8'));
			const bin = readFileSync(join(dir, 'w.bin'));
			const model = await loadGraphModel(
				tf.io.fromMemory({
					modelTopology: json.modelTopology,
					weightSpecs: json.weightsManifest[0].weights,
					weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength)
				})
			);
			const [soft, sig] = model.execute(tf.tensor4d(input, [2, 16, 16, 3]), [
				'soft',
				'sig'
			]) as tf.Tensor[];
			const bytes = await convertTfjsToOnnx({
				modelJson,
				outputs: [
					{ tf: 'soft', name: 'soft', shape: ['batch', 40] },
					{ tf: 'sig', name: 'sig', shape: ['batch', 40] }
				],
				storage
			});
			const session = await ort.InferenceSession.create(bytes);
			const out = await session.run({ input: new ort.Tensor('float32', input, [2, 16, 16, 3]) });
			const tol = storage === 'fp32' ? 1e-5 : storage === 'fp16' ? 2e-3 : 2e-2;
			for (const [name, ref] of [
				['soft', soft!],
				['sig', sig!]
			] as const) {
				const got = out[name]!.data as Float32Array;
				const want = ref.dataSync();
				expect(out[name]!.dims).toEqual([2, 40]);
				let maxRel = 0;
				for (let i = 0; i < want.length; i++)
					maxRel = Math.max(maxRel, Math.abs(got[i]! - want[i]!) / (Math.abs(want[i]!) + 1e-3));
				expect(maxRel).toBeLessThan(tol);
			}
			await session.release();
		},
		30_000
	);

	it('refuses an op it does not know instead of guessing', async () => {
		await expect(
			convertTfjsToOnnx({
				modelJson,
				outputs: [{ tf: 'g', name: 'g', shape: ['batch', 40] }],
				storage: 'fp32'
			})
		).resolves.toBeInstanceOf(Uint8Array);
		const bad = join(dir, 'bad.json');
		const json = JSON.parse(readFileSync(modelJson, 'utf8'));
		json.modelTopology.node.find((n: { name: string }) => n.name === 'a1').op = 'Erf';
		writeFileSync(bad, JSON.stringify(json));
		await expect(
			convertTfjsToOnnx({ modelJson: bad, outputs: [{ tf: 'g', name: 'g', shape: ['batch', 40] }] })
		).rejects.toThrow(/unsupported op Erf/);
	});
});
