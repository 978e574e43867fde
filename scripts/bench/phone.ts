/**
 * `npm run bench:phone [-- --part id|ocr|face|all] [--cards N] [--seconds N]`: a low-end phone on
 * rural 3G, emulated in headless Chromium over CDP — network 400 kbit/s down and up with 400 ms
 * round trips (`Network.emulateNetworkConditions`), CPU slowed 4× (`Emulation.setCPUThrottlingRate`).
 * The peer is the same flow unthrottled, in the same run, on the same machine.
 *
 * - `id`: a first visit of `/open` (the shell), then a first visit of the ID card step
 *   (`/capture/id-front`) until it is usable: camera on and the OCR models downloaded and started
 *   (`data-ocr="warm"`). Prints seconds and the bytes downloaded as sent.
 * - `ocr`: OCR ms per card side (capture → fields, warm worker) on generated phone-degraded cards.
 * - `face`: the face tracker's analysed fps on the fake camera.
 * `bench:ocr` runs the `ocr` part after its accuracy tables; `bench:face` runs the `face` part.
 */
import type { Browser, CDPSession, Page } from '@playwright/test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateCards } from '../../tests/fixtures/cards/generate.ts';
import { facePhotos } from '../../tests/fixtures/faces/photos.ts';
import { mediaToY4m } from '../../tests/fixtures/y4m.ts';
import { faceBundles, routeFace } from '../../tests/e2e/face-bundle.ts';
import { launchWithCamera, startServer } from '../liveness/harness.ts';
import { startHarness } from '../ocr/harness.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const { values } = parseArgs({
	options: {
		part: { type: 'string', default: 'all' },
		cards: { type: 'string', default: '3' },
		seconds: { type: 'string', default: '8' }
	}
});
const part = values.part!;
const run = (p: string) => part === 'all' || part === p;

/** The rural-3G phone: 400 kbit/s each way, 400 ms RTT, CPU 4× slower. */
export const PHONE = { kbps: 400, rttMs: 400, cpu: 4 } as const;

interface Throttle {
	network: boolean;
	cpu: number;
}
const THROTTLED: Throttle = { network: true, cpu: PHONE.cpu };
const PLAIN: Throttle = { network: false, cpu: 1 };
const label = (t: Throttle) =>
	t.network || t.cpu > 1
		? `phone (${t.network ? `${PHONE.kbps} kbit/s, ${PHONE.rttMs} ms RTT, ` : ''}CPU ${t.cpu}×)`
		: 'peer: same flow unthrottled';

async function throttle(page: Page, t: Throttle): Promise<CDPSession> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.emulateNetworkConditions', {
		offline: false,
		latency: t.network ? PHONE.rttMs : 0,
		downloadThroughput: t.network ? (PHONE.kbps * 1000) / 8 : -1,
		uploadThroughput: t.network ? (PHONE.kbps * 1000) / 8 : -1
	});
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: t.cpu });
	return cdp;
}

function faceClip(): string {
	const out = join(ROOT, 'tests/.generated/bench-face-30fps.y4m');
	if (!existsSync(out)) {
		const photo = facePhotos().find((p) => p.id === 'franck_01829')!;
		mediaToY4m(photo.file, out, { width: 640, height: 480, fps: 30, seconds: 4 });
	}
	return out;
}

const mib = (n: number) => `${(n / 1048576).toFixed(2)} MiB`;

/** First visits of the shell and of the ID step, each in a fresh context (nothing cached). */
async function idStep(browser: Browser, url: string, t: Throttle): Promise<void> {
	const visit = async (path: string, ready: (p: Page) => Promise<unknown>) => {
		const ctx = await browser.newContext({ serviceWorkers: 'block' });
		const page = await ctx.newPage();
		let bytes = 0;
		page.on('requestfinished', async (req) => {
			const s = await req.sizes().catch(() => undefined);
			if (s) bytes += s.responseBodySize + s.responseHeadersSize;
		});
		await throttle(page, t);
		const t0 = Date.now();
		await page.goto(`${url}${path}`, { timeout: 600_000 });
		await ready(page);
		const s = (Date.now() - t0) / 1000;
		await page.waitForTimeout(200); // let the last requestfinished sizes arrive
		await ctx.close();
		return { s, bytes };
	};
	const shell = await visit('/open', (p) => p.locator('main h1').first().waitFor({ timeout: 600_000 })); // prettier-ignore
	const id = await visit('/capture/id-front', async (p) => {
		await p.locator('[data-testid="capture-step"][data-ocr="warm"]').waitFor({ timeout: 900_000 });
		await p.getByTestId('scanner-video').waitFor({ timeout: 60_000 });
	});
	const rate = (b: number, s: number) => `${((b * 8) / s / 1000).toFixed(0)} kbit/s effective`;
	console.log(`  ${label(t)}`);
	console.log(`    first visit /open: shell shown after ${shell.s.toFixed(1)} s, ${mib(shell.bytes)} downloaded (${rate(shell.bytes, shell.s)})`); // prettier-ignore
	console.log(`    first visit of the ID step: usable (camera on, OCR models downloaded and started) after ${id.s.toFixed(1)} s, ${mib(id.bytes)} downloaded (${rate(id.bytes, id.s)})`); // prettier-ignore
}

async function ocrPart(cards: number): Promise<void> {
	const dir = join(ROOT, 'tests/.generated/bench-phone-cards');
	// The rectified card images (`<kind>-phone-<seed>.jpg`), as the capture step hands them over.
	const cardFiles = () => existsSync(dir) ? readdirSync(dir).filter((f) => /-\d+\.jpg$/.test(f)) : []; // prettier-ignore
	if (cardFiles().length < cards * 3)
		await generateCards({ perKind: cards, seed: 7, severity: 'phone', outDir: dir });
	const files = cardFiles()
		.sort()
		.map((f) => join(dir, f));
	console.log(`\nOCR ms per card side (capture → fields, warm worker), ${files.length} generated phone-degraded sides, machine load ${load()}:`); // prettier-ignore
	const medians: number[] = [];
	for (const t of [PLAIN, THROTTLED]) {
		// Throttled from the page's start, as for the tracker.
		const h = await startHarness({ cpuThrottle: t.cpu });
		try {
			await h.ocr(files[0]!); // first read: kernels compiled
			const ms: number[] = [];
			for (const f of files) ms.push((await h.ocr(f)).ms);
			ms.sort((a, b) => a - b);
			const med = ms[Math.floor(ms.length / 2)]!;
			medians.push(med);
			console.log(`  ${t.cpu > 1 ? `phone (CPU ${t.cpu}×)` : 'peer: CPU unthrottled'}: median ${med.toFixed(0)} ms, max ${ms.at(-1)!.toFixed(0)} ms per side; models warm after ${(h.warmMs / 1000).toFixed(1)} s; ${h.threads} wasm threads`); // prettier-ignore
		} finally {
			await h.close();
		}
	}
	// CDP slows a page and its own workers; onnxruntime-web's wasm thread pool (workers started by
	// the OCR worker) can escape it. Say so rather than print a phone number that is not one.
	if (medians[1]! < 1.5 * medians[0]!)
		console.log(`  NOTE: the CPU throttle did not reach the OCR (phone ${(medians[1]! / medians[0]!).toFixed(2)}× the peer): this row is not a 4× phone measurement`); // prettier-ignore
}

async function facePart(browser: Browser, url: string, seconds: number): Promise<void> {
	const bundles = await faceBundles();
	console.log(`\nFace tracker on the fake camera (${seconds} s each), machine load ${load()}:`);
	const msPerFrame: number[] = [];
	for (const t of [PLAIN, THROTTLED]) {
		const page = await browser.newPage();
		// Throttled before anything starts: the tracker's worker is slowed with the page.
		await throttle(page, { ...t, network: false });
		await routeFace(page, bundles);
		await page.goto(`${url}/__e2e/face-track/page.html`);
		await page.addScriptTag({ url: '/__e2e/face-track/harness.js', type: 'module' });
		await page.waitForFunction('window.faceTrackHarness !== undefined');
		await page.evaluate('window.faceTrackHarness.trackCamera(1)'); // warm-up
		const r = (await page.evaluate(`window.faceTrackHarness.trackCamera(${seconds})`)) as { fps: number; medianMs: number; frames: number }; // prettier-ignore
		console.log(`  ${t.cpu > 1 ? `phone (CPU ${t.cpu}×)` : 'peer: CPU unthrottled'}: ${r.fps.toFixed(1)} fps analysed, ${r.medianMs.toFixed(0)} ms/frame median, ${r.frames} frames`); // prettier-ignore
		msPerFrame.push(r.medianMs);
		await page.close();
	}
	// CDP's CPU throttle reaches a page's workers only sometimes (seen both ways on this machine).
	if (msPerFrame[1]! < 1.5 * msPerFrame[0]!)
		console.log(`  NOTE: the CPU throttle did not reach the tracker's worker (phone ${(msPerFrame[1]! / msPerFrame[0]!).toFixed(2)}× the peer's ms/frame): this row is not a 4× phone measurement`); // prettier-ignore
}

const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

if (run('id') || run('face')) {
	const server = await startServer();
	try {
		if (run('id')) {
			const browser = await launchWithCamera(faceClip());
			console.log(`\nLow-end phone on rural 3G: first visits, nothing cached (service worker blocked); machine load ${load()}:`); // prettier-ignore
			for (const t of [PLAIN, THROTTLED]) await idStep(browser, server.url, t);
			await browser.close();
		}
		if (run('face')) {
			const browser = await launchWithCamera(faceClip());
			await facePart(browser, server.url, Number(values.seconds));
			await browser.close();
		}
	} finally {
		server.close();
	}
}
if (run('ocr')) await ocrPart(Number(values.cards));
