/**
 * Content-Security-Policy and cross-origin isolation, shared by the Hono server and Vite dev/preview.
 *
 * Why so strict:
 * - No third-party requests, ever. `@mediapipe/tasks-vision` POSTs usage logs to a Google endpoint
 *   every 60 s with a key built into its wasm; disabling it in code is not possible, so
 *   `connect-src 'self'` is what stops it. Every model and wasm file is self-hosted.
 * - Cross-origin isolation (COOP `same-origin` + COEP `require-corp`) makes `SharedArrayBuffer`
 *   available, which onnxruntime-web and MediaPipe need for WASM threads (≈ 1.7× faster OCR on 2 cores).
 *   Without it, asking onnxruntime-web for 2 threads silently runs 1.
 * - `'wasm-unsafe-eval'` allows compiling WebAssembly without allowing `eval` of JS.
 */

export interface CspOptions {
	/** `sha256-…` hashes of inline scripts the built HTML needs (SvelteKit's bootstrap). */
	scriptHashes?: readonly string[];
	/** Vite dev server: allows its HMR websocket and inline module preamble. */
	dev?: boolean;
}

/**
 * No response gets `'unsafe-eval'`: the card worker used to need it for opencv.js (Emscripten
 * embind builds its bindings with `new Function`); its own `src/lib/vision/card/imgproc/` needs none.
 */

/** Builds the CSP header value. */
export function buildCsp({ scriptHashes = [], dev = false }: CspOptions = {}): string {
	const hashes = scriptHashes.map((h) => `'${h}'`);
	const directives: Record<string, string[]> = {
		'default-src': ["'self'"],
		'script-src': ["'self'", "'wasm-unsafe-eval'", ...hashes, ...(dev ? ["'unsafe-inline'"] : [])],
		'worker-src': ["'self'", 'blob:'],
		// 'self' covers same-origin ws:/wss: in CSP Level 3 browsers (PeerJS signalling, Vite HMR).
		'connect-src': ["'self'"],
		'img-src': ["'self'", 'blob:', 'data:'],
		'media-src': ["'self'", 'blob:', 'mediastream:'],
		// Svelte sets style attributes (transitions, progress bars); styles cannot exfiltrate here
		// because every fetch directive is 'self'.
		'style-src': ["'self'", "'unsafe-inline'"],
		'font-src': ["'self'"],
		'manifest-src': ["'self'"],
		'object-src': ["'none'"],
		'base-uri': ["'none'"],
		'form-action': ["'self'"],
		'frame-ancestors': ["'none'"]
	};
	return Object.entries(directives)
		.map(([k, v]) => `${k} ${v.join(' ')}`)
		.join('; ');
}

/** Headers every response carries (API and static alike). */
export function securityHeaders(csp: string): Record<string, string> {
	return {
		'Content-Security-Policy': csp,
		'Cross-Origin-Opener-Policy': 'same-origin',
		'Cross-Origin-Embedder-Policy': 'require-corp',
		'Cross-Origin-Resource-Policy': 'same-origin',
		'X-Content-Type-Options': 'nosniff',
		'Referrer-Policy': 'no-referrer',
		'Permissions-Policy': 'camera=(self), microphone=(self), geolocation=()'
	};
}
