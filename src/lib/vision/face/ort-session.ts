/**
 * onnxruntime-web for the face worker: the one module here that imports it. Minimal and local
 * because `src/lib/vision/runtime/ort.ts` does not exist on this branch yet; fold into it when
 * it lands. Worker-safe (no DOM).
 *
 * Self-hosted WASM (`/wasm/ort/`, copied by scripts/models), one thread: the embedding runs a few
 * times per check inside its own worker, and a single-threaded session avoids nested pthread
 * workers. Setup is memoised and dropped on failure so the next call retries; runs are serialised.
 */
import type * as Ort from 'onnxruntime-web';

export type OrtModule = typeof Ort;

/** Where the pipeline puts the ORT WASM files (see static/models/manifest.json). */
export const ORT_WASM_PATH = '/wasm/ort/';

let ortPromise: Promise<OrtModule> | undefined;

/** Imports and configures onnxruntime-web once. */
export function loadOrt(): Promise<OrtModule> {
	ortPromise ??= import('onnxruntime-web/wasm').then(
		(ort) => {
			ort.env.wasm.wasmPaths = ORT_WASM_PATH;
			ort.env.wasm.numThreads = 1;
			ort.env.wasm.proxy = false;
			return ort;
		},
		(err: unknown) => {
			ortPromise = undefined;
			throw err;
		}
	);
	return ortPromise;
}

/** A loaded model whose runs are serialised (ORT sessions must not run concurrently). */
export interface SerialSession {
	ort: OrtModule;
	session: Ort.InferenceSession;
	run(feeds: Record<string, Ort.Tensor>): Promise<Ort.InferenceSession.OnnxValueMapType>;
}

const sessions = new Map<string, Promise<SerialSession>>();

/** Fetches `url` and creates its session once (memoised per URL, retried after a failure). */
export function loadSession(url: string): Promise<SerialSession> {
	let p = sessions.get(url);
	if (!p) {
		p = (async () => {
			const ort = await loadOrt();
			const res = await fetch(url);
			if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
			const bytes = new Uint8Array(await res.arrayBuffer());
			const session = await ort.InferenceSession.create(bytes, {
				executionProviders: ['wasm'],
				graphOptimizationLevel: 'all'
			});
			let queue: Promise<unknown> = Promise.resolve();
			const run = (feeds: Record<string, Ort.Tensor>) => {
				const next = queue.then(() => session.run(feeds));
				queue = next.catch(() => undefined);
				return next;
			};
			return { ort, session, run };
		})();
		p.catch(() => sessions.delete(url));
		sessions.set(url, p);
	}
	return p;
}
