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
 *   the next call retries; creations are serialised, and so are `run` calls (one inference at a
 *   time per worker). OCR and the face embedder both load through here.
 * - Model and wasm bytes come from the model store (`model-store.ts`): the offline cache, else a
 *   resumable download verified against the manifest's sha256. The WASM binary is still fetched by
 *   ORT from `wasmPaths` (served by the service worker's model cache); handing it over as
 *   `env.wasm.wasmBinary` is not wired (an e2e run with it failed the threaded OCR warm-up).
 */
import * as ort from 'onnxruntime-web/wasm';
import manifest from '../../../../static/models/manifest.json';
import { modelCacheName, modelPartialCacheName } from '../../offline/constants.ts';
import { detectFeatures } from './features.ts';
import { loadModelBytes, type ModelAsset } from './model-store.ts';

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

/**
 * Configures `ort.env` once from the detected features; `maxThreads` caps the threads (the face
 * embedder runs single-threaded to avoid nested pthread workers). The first call in a worker wins.
 */
export function configureOrt(maxThreads = 2): OrtBackendInfo {
	if (configured) return configured;
	const f = detectFeatures();
	const threads = f.wasmThreads ? Math.max(1, Math.min(maxThreads, f.hardwareConcurrency)) : 1;
	ort.env.wasm.wasmPaths = ORT_WASM_PREFIX;
	ort.env.wasm.numThreads = threads;
	ort.env.wasm.simd = true;
	ort.env.wasm.proxy = false; // we already run inside a worker
	ort.env.logLevel = 'error';
	configured = Object.freeze({ threads, simd: f.wasmSimd, executionProvider: 'wasm' as const });
	return configured;
}

/** Cache Storage names of the model store (the service worker serves the same file cache). */
const CACHES = { files: modelCacheName(), partial: modelPartialCacheName() };

/** The manifest entry for `path`, if the manifest lists it. */
export function manifestAsset(path: string): ModelAsset | undefined {
	return manifest.assets.find((a) => a.path === path);
}

/** Bytes of a manifest file through the model store; a file the manifest lacks is fetched plainly. */
export async function assetBytes(path: string): Promise<Uint8Array<ArrayBuffer>> {
	const asset = manifestAsset(path);
	if (asset) return loadModelBytes(asset, CACHES);
	const res = await fetch(path);
	if (!res.ok) throw new Error(`model ${path}: HTTP ${res.status}`);
	return new Uint8Array(await res.arrayBuffer());
}

const sessions = new Map<string, Promise<Session>>();
let creating: Promise<unknown> = Promise.resolve();

/**
 * Creates (once) the session for the model at `url`. A failed load is forgotten so that a later
 * call retries instead of returning the same rejection forever. Creations run one at a time.
 */
export function loadSession(url: string): Promise<Session> {
	const existing = sessions.get(url);
	if (existing) return existing;
	configureOrt();
	const created = creating.then(async () => {
		const bytes = await assetBytes(url);
		return ort.InferenceSession.create(bytes, {
			executionProviders: ['wasm'],
			graphOptimizationLevel: 'all'
		});
	});
	creating = created.catch(() => undefined);
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
