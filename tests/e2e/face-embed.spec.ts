import { expect, test } from '@playwright/test';
import { build } from 'esbuild';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { l2Normalize } from '../../src/lib/vision/face/embedding.ts';
import { cosineSimilarity } from '../../src/lib/vision/face/similarity.ts';
import { embedAll, MODEL, realFaces, type Face } from '../fixtures/faces/pairs.ts';

/**
 * The face-embedding worker in Chromium (onnxruntime-web, WASM, self-hosted model and runtime)
 * computes the same embeddings as onnxruntime-node on the server, on real faces, and reaches the
 * same verdicts. The page and worker code are the real modules, bundled here with esbuild and
 * served on the app's origin (so its CSP and cross-origin isolation apply).
 */
const ROOT = join(import.meta.dirname, '../..');
let harness = '';
let worker = '';
let faces: Face[];
let nodeEmbeddings: Map<string, Float32Array>;

async function bundle(entry: string): Promise<string> {
	const out = await build({ entryPoints: [join(ROOT, entry)], bundle: true, format: 'esm', platform: 'browser', write: false, logLevel: 'error' }); // prettier-ignore
	return out.outputFiles[0]!.text;
}

test.beforeAll(async () => {
	[harness, worker] = await Promise.all([
		bundle('tests/e2e/face-embed.harness.ts'),
		bundle('src/lib/vision/face/embed.worker.ts')
	]);
	faces = await realFaces(['franck_01829', 'franck_03909', 'astronaut', 'grace_hopper']);
	const session = await ort.InferenceSession.create(MODEL);
	nodeEmbeddings = await embedAll(session, faces);
	await session.release();
});

test('the embedding worker matches onnxruntime-node and tells the same man from others', async ({
	page,
	baseURL
}) => {
	test.setTimeout(120_000);
	const outside: string[] = [];
	page.on('request', (r) => {
		if (new URL(r.url()).origin !== new URL(baseURL!).origin) outside.push(r.url());
	});
	await page.route('**/__e2e/face/*.js', (route) =>
		route.fulfill({
			body: route.request().url().endsWith('/worker.js') ? worker : harness,
			contentType: 'text/javascript',
			headers: {
				'Cross-Origin-Embedder-Policy': 'require-corp',
				'Cross-Origin-Resource-Policy': 'same-origin'
			}
		})
	);
	await page.goto('/');
	await page.evaluate(async () => {
		const url = '/__e2e/face/harness.js';
		await import(url);
	});
	const loadMs = await page.evaluate(() => window.faceEmbedHarness!.client.load());

	const browser: Float32Array[] = [];
	const times: number[] = [];
	for (const f of faces) {
		const payload = {
			w: f.image.width,
			h: f.image.height,
			b64: Buffer.from(f.image.data).toString('base64'),
			five: f.five
		};
		const r = await page.evaluate(async ({ w, h, b64, five }) => {
			const bytes = Uint8ClampedArray.from(atob(b64), (c) => c.charCodeAt(0));
			const { client } = window.faceEmbedHarness!;
			const ms: number[] = [];
			let embedding: number[] = [];
			for (let i = 0; i < 4; i++) {
				const image = new ImageData(bytes.slice(), w, h);
				const out = await client.embed(image, five);
				ms.push(out.ms);
				embedding = Array.from(out.embedding);
			}
			return { embedding, ms: ms.slice(1).sort((a, b) => a - b)[1]! };
		}, payload);
		browser.push(Float32Array.from(r.embedding));
		times.push(r.ms);
	}
	for (const [i, f] of faces.entries())
		expect(cosineSimilarity(browser[i]!, l2Normalize(nodeEmbeddings.get(f.id)!))).toBeGreaterThan(
			0.9999
		);

	const verdict = (a: number, b: number) =>
		page.evaluate(([x, y]) => window.faceEmbedHarness!.compareEmbeddings(Float32Array.from(x!), Float32Array.from(y!)).verdict, [Array.from(browser[a]!), Array.from(browser[b]!)]); // prettier-ignore
	expect(await verdict(0, 1)).toBe('match'); // two stills of the same man
	expect(await verdict(0, 2)).toBe('no_match');
	expect(await verdict(2, 3)).toBe('no_match');

	const median = [...times].sort((a, b) => a - b)[times.length >> 1]!;
	test.info().annotations.push({ type: 'face-embed', description: `load ${loadMs.toFixed(0)} ms, ${median.toFixed(1)} ms per face (median of warm runs)` }); // prettier-ignore
	console.log(
		`face embedding in Chromium: model load ${loadMs.toFixed(0)} ms, ${median.toFixed(1)} ms per face`
	);
	expect(median).toBeLessThan(2000);
	expect(outside).toEqual([]);
});
