/**
 * The per-step download budget: which wasm and model files each wizard step needs (from the
 * committed model manifest), how many bytes are still to fetch, and a download with progress into
 * the same offline cache the service worker serves them from. Nothing is fetched before the
 * customer reaches (or asks for) the step.
 */
import manifest from '../../../static/models/manifest.json';
import { modelCacheName } from '$lib/offline/constants.ts';
import type { StepId } from './steps.ts';

export interface StepAsset {
	id: string;
	path: string;
	bytes: number;
}

/** Manifest ids per step, by prefix: the card step needs the ONNX runtime + OCR (card detection is own code, no download), the face step MediaPipe + the embedder. */
const STEP_PREFIXES: Partial<Record<StepId, readonly string[]>> = {
	id: ['ort-', 'ocr-'],
	bank: ['ort-', 'ocr-'],
	liveness: ['mediapipe-', 'ort-', 'face-']
};

/** The manifest's files a step needs (empty for steps without on-device vision). */
export function stepAssets(
	step: StepId,
	assets: readonly StepAsset[] = manifest.assets
): StepAsset[] {
	const prefixes = STEP_PREFIXES[step] ?? [];
	return assets.filter((a) => prefixes.some((p) => a.id.startsWith(p)));
}

export function totalBytes(assets: readonly StepAsset[]): number {
	return assets.reduce((n, a) => n + a.bytes, 0);
}

/** Bytes of `assets` already in the offline cache. */
export async function cachedBytes(assets: readonly StepAsset[]): Promise<number> {
	if (!globalThis.caches) return 0;
	const cache = await caches.open(modelCacheName());
	let done = 0;
	for (const a of assets) if (await cache.match(a.path)) done += a.bytes;
	return done;
}

/**
 * Fetches the step's files not yet cached, reporting bytes as they arrive; a file is cached only
 * whole, so an interrupted download resumes at that file next time.
 */
export async function downloadStep(
	assets: readonly StepAsset[],
	onProgress: (doneBytes: number) => void,
	signal?: AbortSignal
): Promise<void> {
	const cache = await caches.open(modelCacheName());
	let done = 0;
	for (const a of assets) {
		if (await cache.match(a.path)) {
			done += a.bytes;
			onProgress(done);
			continue;
		}
		const res = await fetch(a.path, { signal, cache: 'no-store' });
		if (!res.ok || !res.body) throw new Error(`${a.path}: HTTP ${res.status}`);
		const parts: Uint8Array<ArrayBuffer>[] = [];
		const reader = res.body.getReader();
		for (;;) {
			const { done: end, value } = await reader.read();
			if (end) break;
			parts.push(value as Uint8Array<ArrayBuffer>);
			done += value.byteLength;
			onProgress(done);
		}
		await cache.put(a.path, new Response(new Blob(parts), { status: 200, headers: res.headers }));
	}
}
