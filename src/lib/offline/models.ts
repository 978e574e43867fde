import { MODEL_ASSETS, modelCacheName, OFFLINE_STEPS, type OfflineStep } from './constants.ts';

export interface ModelProgress {
	doneBytes: number;
	totalBytes: number;
	/** Steps whose every file is in the offline cache. */
	readySteps?: OfflineStep[];
}

const TOTAL = MODEL_ASSETS.reduce((n, a) => n + a.bytes, 0);

/**
 * Bytes of model/wasm files in the offline cache, and which steps have all they need: read from
 * the cache itself, so files the app fetched on its own (the OCR worker at first use) count too.
 */
export async function cachedModelBytes(): Promise<ModelProgress> {
	if (!globalThis.caches) return { doneBytes: 0, totalBytes: TOTAL, readySteps: [] };
	const cache = await caches.open(modelCacheName());
	let doneBytes = 0;
	const missing = new Set<OfflineStep>();
	for (const a of MODEL_ASSETS) {
		if (await cache.match(a.path)) doneBytes += a.bytes;
		else for (const s of a.steps) missing.add(s);
	}
	return { doneBytes, totalBytes: TOTAL, readySteps: OFFLINE_STEPS.filter((s) => !missing.has(s)) };
}

/**
 * Downloads every model and wasm file the flow needs into the offline cache (skipping those
 * already there), reporting bytes as they arrive. Files are put whole: a file interrupted halfway
 * is fetched again next time, never cached truncated.
 */
export async function downloadModels(
	onProgress: (p: ModelProgress) => void,
	signal?: AbortSignal
): Promise<void> {
	const cache = await caches.open(modelCacheName());
	let doneBytes = 0;
	for (const a of MODEL_ASSETS) {
		if (await cache.match(a.path)) {
			doneBytes += a.bytes;
			onProgress({ doneBytes, totalBytes: TOTAL });
			continue;
		}
		const res = await fetch(a.path, { signal, cache: 'no-store' });
		if (!res.ok || !res.body) throw new Error(`${a.path}: HTTP ${res.status}`);
		const parts: Uint8Array<ArrayBuffer>[] = [];
		const reader = res.body.getReader();
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			parts.push(value as Uint8Array<ArrayBuffer>);
			doneBytes += value.byteLength;
			onProgress({ doneBytes, totalBytes: TOTAL });
		}
		await cache.put(a.path, new Response(new Blob(parts), { status: 200, headers: res.headers }));
	}
}
