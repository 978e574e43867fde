/**
 * `npm run bench:face` (tracking part): the face tracker (tasks-vision FaceLandmarker with Kaihu's
 * bundle, in its worker) on Chromium's fake camera at 30 fps, side by side with the legacy
 * `@mediapipe/face_mesh` solution (the peer) on the same camera in the same run: analysed fps,
 * ms per frame, browser CPU ms per frame (load-independent: this machine is shared) and bytes
 * downloaded for the face step. `--seconds N` (default 10), `--video file.y4m`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import type { Page } from '@playwright/test';
import { mediaToY4m } from '../../tests/fixtures/y4m.ts';
import { facePhotos } from '../../tests/fixtures/faces/photos.ts';
import { faceBundles, routeFace } from '../../tests/e2e/face-bundle.ts';
import { treeCpuMs } from '../ocr/harness.ts';
import { launchWithCamera, startServer } from '../liveness/harness.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const GEN = join(ROOT, 'tests/.generated');
const argValue = (n: string) => { const i = process.argv.indexOf(`--${n}`); return i >= 0 ? process.argv[i + 1] : undefined; }; // prettier-ignore
const seconds = Number(argValue('seconds') ?? 10);

function cameraClip(): string {
	const given = argValue('video');
	if (given) return resolve(given);
	const out = join(GEN, 'bench-face-30fps.y4m');
	if (!existsSync(out)) {
		const photo = facePhotos().find((p) => p.id === 'franck_01829')!;
		mediaToY4m(photo.file, out, { width: 640, height: 480, fps: 30, seconds: 4 });
	}
	return out;
}

interface Row {
	name: string;
	fps: number;
	medianMs: number;
	cpuMsPerFrame: number;
	frames: number;
	bytes: number;
	bytesNote: string;
}

async function measure(
	page: Page,
	run: string,
	name: string
): Promise<Omit<Row, 'bytes' | 'bytesNote'>> {
	const cpu0 = treeCpuMs(process.pid);
	const r = await page.evaluate(`window.faceTrackHarness.${run}(${seconds})`) as { frames: number; fps: number; medianMs: number }; // prettier-ignore
	const cpu = treeCpuMs(process.pid) - cpu0;
	return { name, fps: r.fps, medianMs: r.medianMs, frames: r.frames, cpuMsPerFrame: cpu / Math.max(1, r.frames) }; // prettier-ignore
}

const server = await startServer();
const browser = await launchWithCamera(cameraClip());
try {
	const bundles = await faceBundles();
	// Bytes of the product's face step: what the real liveness page downloads (encoded sizes).
	const product = await browser.newPage();
	const bytes = new Map<string, number>();
	product.on('requestfinished', async (req) => {
		const s = await req.sizes().catch(() => undefined);
		if (s) bytes.set(new URL(req.url()).pathname, s.responseBodySize);
	});
	await product.goto(`${server.url}/liveness?demo&challenges=blink,nod,turn-left`);
	for (let i = 0; i < 240 && ![...bytes.keys()].some((p) => p.endsWith('.task')); i++)
		await product.waitForTimeout(500);
	await product.waitForTimeout(1500);
	// Sizes as the server sends them: the brotli variant next to each file (build/ or static/).
	const onWire = (path: string) => {
		const file = join(ROOT, path.startsWith('/_app/') ? 'build' : 'static', path);
		return existsSync(`${file}.br`) ? statSync(`${file}.br`).size : statSync(file).size;
	};
	const faceStep = [...bytes.keys()]
		.filter((p) => /mediapipe|face_landmarker|track\.worker/.test(p))
		.map((p) => [p, onWire(p)] as const);
	const ourBytes = faceStep.reduce((n, [, b]) => n + b, 0);
	await product.close();

	const page = await browser.newPage();
	await routeFace(page, bundles);
	await page.goto(`${server.url}/__e2e/face-track/page.html`);
	await page.addScriptTag({ url: '/__e2e/legacy-mesh/face_mesh.js' });
	await page.addScriptTag({ url: '/__e2e/face-track/harness.js', type: 'module' });
	await page.waitForFunction('window.faceTrackHarness !== undefined');
	await page.evaluate('window.faceTrackHarness.trackCamera(1)'); // warm-up: wasm compile, model load
	const ours = await measure(page, 'trackCamera', 'Kaihu tracker (tasks-vision 1.1.0 + face_landmarker.task, worker)'); // prettier-ignore
	const peer = await measure(page, 'legacyCamera', 'peer: @mediapipe/face_mesh 0.4.1657299874 solution (main thread)'); // prettier-ignore
	const legacyDir = join(ROOT, 'node_modules/@mediapipe/face_mesh');
	const legacyFiles = ['face_mesh.js', 'face_mesh.binarypb', 'face_mesh_solution_packed_assets_loader.js', 'face_mesh_solution_packed_assets.data', 'face_mesh_solution_simd_wasm_bin.js', 'face_mesh_solution_simd_wasm_bin.wasm']; // prettier-ignore
	const legacyBr = legacyFiles.reduce((n, f) => n + brotliCompressSync(readFileSync(join(legacyDir, f)), { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }).length, 0); // prettier-ignore
	const legacyRaw = legacyFiles.reduce((n, f) => n + statSync(join(legacyDir, f)).size, 0);
	const rows: Row[] = [
		{ ...ours, bytes: ourBytes, bytesNote: `${faceStep.length} files, brotli as served` },
		{
			...peer,
			bytes: legacyBr,
			bytesNote: `brotli-5 of ${(legacyRaw / 1048576).toFixed(2)} MiB raw`
		}
	];
	const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
	console.log(`\nFace tracking on the fake camera (640×480, 30 fps, ${seconds} s each), machine load ${load}:`); // prettier-ignore
	for (const r of rows) {
		console.log(`  ${r.name}`);
		console.log(`    ${r.fps.toFixed(1)} fps analysed, ${r.medianMs.toFixed(1)} ms/frame (median), ${r.cpuMsPerFrame.toFixed(1)} browser CPU ms/frame (≈ ${(1000 / r.cpuMsPerFrame).toFixed(0)} fps if run on one idle core); ${r.frames} frames`); // prettier-ignore
		console.log(`    face step download ${(r.bytes / 1048576).toFixed(2)} MiB (${r.bytesNote})`);
	}
	for (const [p, b] of faceStep) console.log(`      ${p} ${(b / 1024).toFixed(0)} KiB`);
} finally {
	await browser.close();
	server.close();
}
