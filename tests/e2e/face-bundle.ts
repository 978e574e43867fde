/**
 * Serves the face tracker's real browser modules to e2e pages: the harness and the worker are
 * bundled with esbuild and answered on the app's origin under `/__e2e/face-track/`, next to the
 * legacy `@mediapipe/face_mesh` solution (the reference the model bundle is checked against).
 */
import type { Page } from '@playwright/test';
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');
const LEGACY = join(ROOT, 'node_modules/@mediapipe/face_mesh');
const ISOLATION = {
	'Cross-Origin-Embedder-Policy': 'require-corp',
	'Cross-Origin-Resource-Policy': 'same-origin'
};

export async function bundle(entry: string): Promise<string> {
	const out = await build({ entryPoints: [join(ROOT, entry)], bundle: true, format: 'esm', platform: 'browser', write: false, logLevel: 'error' }); // prettier-ignore
	return out.outputFiles[0]!.text;
}

export interface FaceBundles {
	harness: string;
	worker: string;
}

export async function faceBundles(): Promise<FaceBundles> {
	const [harness, worker] = await Promise.all([
		bundle('tests/e2e/face-track.harness.ts'),
		bundle('src/lib/vision/face/track.worker.ts')
	]);
	return { harness, worker };
}

const TYPES: Record<string, string> = { js: 'text/javascript', wasm: 'application/wasm', html: 'text/html' }; // prettier-ignore

/**
 * Routes `/__e2e/face-track/{harness,worker}.js`, `/__e2e/face-track/page.html` (a blank test
 * page), `/__e2e/face-track/file/<name>` (files of `files`) and `/__e2e/legacy-mesh/*`.
 */
export async function routeFace(page: Page, b: FaceBundles, files: Record<string, string> = {}) {
	await page.route('**/__e2e/**', (route) => {
		const path = new URL(route.request().url()).pathname;
		const ext = path.split('.').pop() ?? '';
		const reply = (body: string | Buffer, type = TYPES[ext] ?? 'application/octet-stream') =>
			route.fulfill({ body, contentType: type, headers: ISOLATION });
		if (path === '/__e2e/face-track/harness.js') return reply(b.harness);
		if (path === '/__e2e/face-track/worker.js') return reply(b.worker);
		if (path === '/__e2e/face-track/page.html')
			return reply('<!doctype html><html lang="en"><title>face</title><body></body></html>');
		if (path.startsWith('/__e2e/face-track/file/'))
			return reply(readFileSync(files[path.slice(23)]!), 'application/octet-stream');
		if (path.startsWith('/__e2e/legacy-mesh/'))
			return reply(readFileSync(join(LEGACY, path.slice(19).replace(/[^\w.-]/g, ''))));
		return route.fulfill({ status: 404 });
	});
}
