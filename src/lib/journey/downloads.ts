/**
 * The per-step download budget: which wasm and model files each wizard step needs (from the
 * committed model manifest), how many bytes are still to fetch, and a download with progress into
 * the same offline cache the service worker serves them from. Nothing is fetched before the
 * customer reaches (or asks for) the step.
 */
import manifest from '../../../static/models/manifest.json';
import { modelCacheName, modelPartialCacheName } from '$lib/offline/constants.ts';
import { loadModelBytes } from '$lib/vision/runtime/model-store.ts';
import type { StepId } from './steps.ts';

export interface StepAsset {
	id: string;
	path: string;
	bytes: number;
	sha256: string;
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
 * Fetches the step's files not yet cached, reporting bytes as they arrive, through the model store:
 * a file is cached only whole and verified (sha256), and an interrupted file resumes with `Range`
 * from the bytes already on the device.
 */
export async function downloadStep(
	assets: readonly StepAsset[],
	onProgress: (doneBytes: number) => void,
	signal?: AbortSignal
): Promise<void> {
	const names = { files: modelCacheName(), partial: modelPartialCacheName() };
	let done = 0;
	for (const a of assets) {
		await loadModelBytes(a, names, { signal, onProgress: (p) => onProgress(done + p.loaded) });
		done += a.bytes;
		onProgress(done);
	}
}
