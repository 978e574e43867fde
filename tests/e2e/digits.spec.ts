import { expect, test } from '@playwright/test';
import { build } from 'esbuild';
import { join } from 'node:path';
import { nodeRecognizers } from '../../scripts/speech/node.ts';
import { addNoise, decodeWav, prng, speakWav } from '../fixtures/speech/espeak.ts';

/**
 * The spoken-digits worker in Chromium: PocketSphinx wasm and both models self-hosted, the worker
 * served with the app's own CSP (no 'unsafe-eval': the converted loader must not generate code),
 * hears the same words as the recogniser in Node on the same clips, and fetches nothing from
 * another origin.
 */
const ROOT = join(import.meta.dirname, '../..');
let harness = '';
let worker = '';

async function bundle(entry: string): Promise<string> {
	const out = await build({ entryPoints: [join(ROOT, entry)], bundle: true, format: 'esm', platform: 'browser', write: false, logLevel: 'error' }); // prettier-ignore
	return out.outputFiles[0]!.text;
}

const CLIPS = [
	{ lang: 'zh', digits: '5678', voice: 'cmn-latn-pinyin', rate: 130, gap: 10 },
	{ lang: 'en', digits: '7193', voice: 'en-us', rate: 120, gap: 20 }
] as const;

test.beforeAll(async () => {
	[harness, worker] = await Promise.all([
		bundle('tests/e2e/digits.harness.ts'),
		bundle('src/lib/vision/speech/digits.worker.ts')
	]);
});

test('the digits worker loads under the CSP and hears what Node hears', async ({
	page,
	baseURL
}) => {
	test.setTimeout(180_000);
	const outside: string[] = [];
	page.on('request', (r) => {
		if (new URL(r.url()).origin !== new URL(baseURL!).origin) outside.push(r.url());
	});
	const errors: string[] = [];
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(m.text());
	});
	const home = await page.goto('/');
	const csp = home!.headers()['content-security-policy'] ?? '';
	expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
	expect(csp).not.toContain("'unsafe-eval'");
	await page.route('**/__e2e/digits/*.js', (route) =>
		route.fulfill({
			body: route.request().url().endsWith('/worker.js') ? worker : harness,
			contentType: 'text/javascript',
			// A worker runs under the CSP of its own script response: give it the app's.
			headers: {
				'Content-Security-Policy': csp,
				'Cross-Origin-Embedder-Policy': 'require-corp',
				'Cross-Origin-Resource-Policy': 'same-origin'
			}
		})
	);
	await page.evaluate(async () => {
		const url = '/__e2e/digits/harness.js';
		await import(url);
	});
	const loadMs = await page.evaluate(() => window.digitsHarness!.client.load(['zh', 'en']));

	for (const clip of CLIPS) {
		const { samples, sampleRate } = decodeWav(speakWav(clip));
		const audio = addNoise(samples, sampleRate, 30, prng(7));
		const node = (await nodeRecognizers([clip.lang])).get(clip.lang)!.decode(audio, sampleRate);
		const b64 = Buffer.from(audio.buffer, audio.byteOffset, audio.byteLength).toString('base64');
		const browser = await page.evaluate(
			async ({ b64, sampleRate, lang }) => {
				const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
				const out = await window.digitsHarness!.client.recognise(
					new Float32Array(bytes.buffer),
					sampleRate,
					[lang]
				);
				return out.heard[0]!;
			},
			{ b64, sampleRate, lang: clip.lang }
		);
		expect(browser).toEqual({ lang: clip.lang, ...node });
		expect(browser.digits).toBe(clip.digits);
	}
	console.log(`digits worker in Chromium: load both models ${loadMs.toFixed(0)} ms`);
	expect(errors.filter((e) => /Content Security Policy|unsafe-eval/i.test(e))).toEqual([]);
	expect(outside).toEqual([]);
});
