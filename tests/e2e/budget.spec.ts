/**
 * The download budget (PWA): the JavaScript a first visit loads must stay within 100 kB gzip
 * (the app shell: entry, layout and the page), and each wizard step's wasm + models are printed
 * with what they cost on the wire. Fails when the shell budget or the card step's download budget
 * is exceeded (or opencv.js comes back); prints the numbers.
 */
import { expect, test } from '@playwright/test';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import manifest from '../../static/models/manifest.json' with { type: 'json' };
import { ROOT } from './own-server.ts';

/** First-visit JavaScript budget, gzip bytes. */
export const SHELL_JS_BUDGET = 100_000;
const BUILD = join(ROOT, 'build');

const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;

for (const path of ['/', '/open']) {
	test(`first visit of ${path} loads ≤ ${kB(SHELL_JS_BUDGET)} gzip of JavaScript`, async ({
		browser
	}) => {
		const ctx = await browser.newContext({ serviceWorkers: 'block' });
		const page = await ctx.newPage();
		const scripts = new Set<string>();
		page.on('request', (r) => {
			const url = new URL(r.url());
			if (r.resourceType() === 'script' && url.pathname.endsWith('.js')) scripts.add(url.pathname);
		});
		await page.goto(path, { waitUntil: 'networkidle' });
		await expect(page.locator('main')).toBeVisible();
		let raw = 0;
		let gz = 0;
		for (const p of scripts) {
			const bytes = readFileSync(join(BUILD, p));
			raw += bytes.length;
			gz += gzipSync(bytes, { level: 9 }).length;
		}
		console.log(
			`budget ${path}: ${scripts.size} scripts, ${kB(raw)} raw, ${kB(gz)} gzip (budget ${kB(SHELL_JS_BUDGET)})`
		);
		await ctx.close();
		expect(scripts.size).toBeGreaterThan(0);
		expect(gz, `first-visit JS of ${path} in gzip bytes`).toBeLessThanOrEqual(SHELL_JS_BUDGET);
	});
}

/**
 * Raw bytes the card steps download (ONNX runtime wasm + OCR models), measured when opencv.js
 * (11 372 604 bytes raw, 2.64 MiB brotli) left the flow for the card worker's own imgproc code.
 */
const CARD_STEP_RAW_BUDGET = 22_201_699;

test('per-step downloads (wasm + models) are printed from the model manifest', () => {
	const steps: Record<string, string[]> = {
		'id + bank card': ['ort-', 'ocr-'],
		liveness: ['mediapipe-', 'ort-', 'face-']
	};
	for (const [step, prefixes] of Object.entries(steps)) {
		const assets = manifest.assets.filter((a) => prefixes.some((p) => a.id.startsWith(p)));
		const raw = assets.reduce((n, a) => n + a.bytes, 0);
		// The wire size: the precompressed brotli variant where the model pipeline wrote one.
		const wire = assets.reduce((n, a) => {
			const br = join(BUILD, `${a.path}.br`);
			return n + (existsSync(br) ? statSync(br).size : a.bytes);
		}, 0);
		console.log(
			`budget step ${step}: ${assets.length} files, ${kB(raw)} raw, ${kB(wire)} on the wire`
		);
		expect(raw).toBeGreaterThan(0);
	}
	const card = manifest.assets.filter((a) =>
		steps['id + bank card']!.some((p) => a.id.startsWith(p))
	);
	expect(manifest.assets.filter((a) => /opencv/i.test(a.id + a.path)).map((a) => a.id)).toEqual([]);
	const cardRaw = card.reduce((n, a) => n + a.bytes, 0);
	expect(cardRaw, 'card step raw download bytes').toBeLessThanOrEqual(CARD_STEP_RAW_BUDGET);
});
