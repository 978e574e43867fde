/**
 * The only module that imports onnxruntime-web. Worker-safe (no DOM).
 *
 * - The WASM runtime is self-hosted at `/wasm/ort/` (copied from the pinned npm package by
 *   `scripts/models`); `wasmPaths` is set explicitly so nothing is fetched from a CDN.
 * - Threads: min(2, hardwareConcurrency) when `crossOriginIsolated`, else 1 (asking for more
 *   without isolation silently runs one thread anyway). SIMD is required by the shipped binary.
 * - WebGPU is not used yet: it needs the JSEP/asyncify WASM variant, which the model pipeline does
 *   not ship (another ~20 MB). The WASM CPU backend is what every phone gets.
 * - Session creation is memoised per model URL as a module-level promise, dropped on failure so
 *   the next call retries; `run` calls are serialised (one inference at a time per worker).
 */
import * as ort from 'onnxruntime-web/wasm';
import { detectFeatures } from './features.ts';

/** Where the onnxruntime-web WASM files are served from. */
export const ORT_WASM_PREFIX = '/wasm/ort/';

export type Tensor = ort.Tensor;
export type Session = ort.InferenceSession;

/** What the runtime ended up using; reported with timings. */
export interface OrtBackendInfo {
	threads: number;
	simd: boolean;
	executionProvider: 'wasm';
}

let configured: OrtBackendInfo | undefined;

/** Configures `ort.env` once from the detected features. */
export function configureOrt(): OrtBackendInfo {
	if (configured) return configured;
	const f = detectFeatures();
	const threads = f.wasmThreads ? Math.max(1, Math.min(2, f.hardwareConcurrency)) : 1;
	ort.env.wasm.wasmPaths = ORT_WASM_PREFIX;
	ort.env.wasm.numThreads = threads;
	ort.env.wasm.simd = true;
	ort.env.wasm.proxy = false; // we already run inside a worker
	ort.env.logLevel = 'error';
	configured = Object.freeze({ threads, simd: f.wasmSimd, executionProvider: 'wasm' as const });
	return configured;
}

const sessions = new Map<string, Promise<Session>>();

/**
 * Creates (once) the session for the model at `url`. A failed load is forgotten so that a later
 * call retries instead of returning the same rejection forever.
 */
export function loadSession(url: string): Promise<Session> {
	const existing = sessions.get(url);
	if (existing) return existing;
	configureOrt();
	const created = (async () => {
		const res = await fetch(url);
		if (!res.ok) throw new Error(`model ${url}: HTTP ${res.status}`);
		const bytes = new Uint8Array(await res.arrayBuffer());
		return ort.InferenceSession.create(bytes, {
			executionProviders: ['wasm'],
			graphOptimizationLevel: 'all'
		});
	})();
	sessions.set(url, created);
	created.catch(() => sessions.delete(url));
	return created;
}

let queue: Promise<unknown> = Promise.resolve();

/** Runs one inference; calls are serialised so two runs never interleave on the WASM heap. */
export function runSession(
	session: Session,
	feeds: Record<string, Tensor>
): Promise<Record<string, Tensor>> {
	const next = queue.then(() => session.run(feeds));
	queue = next.catch(() => undefined);
	return next;
}

/** A float32 tensor (NCHW image batches, mostly). */
export function floatTensor(data: Float32Array, dims: readonly number[]): Tensor {
	return new ort.Tensor('float32', data, dims);
}
