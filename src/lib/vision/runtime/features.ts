/**
 * Feature detection for the vision runtimes, done once into a frozen object (worker-safe: no DOM).
 * Backends are picked from it: WASM threads need `crossOriginIsolated`, WebGPU needs `navigator.gpu`.
 */
export interface RuntimeFeatures {
	crossOriginIsolated: boolean;
	wasmSimd: boolean;
	wasmThreads: boolean;
	/** The WebGPU API exists (an adapter may still be unavailable: see the probe worker). */
	webgpu: boolean;
	offscreenCanvas: boolean;
	hardwareConcurrency: number;
}

// (module (func (result v128) i32.const 0 i8x16.splat i8x16.popcnt)) — from wasm-feature-detect.
const SIMD_PROBE = new Uint8Array([
	0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15,
	253, 98, 11
]);

function canShareWasmMemory(): boolean {
	try {
		const mem = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
		return mem.buffer instanceof SharedArrayBuffer;
	} catch {
		return false;
	}
}

let cached: Readonly<RuntimeFeatures> | undefined;

/** Detects what this browser context offers; memoised. */
export function detectFeatures(): Readonly<RuntimeFeatures> {
	if (cached) return cached;
	const g = globalThis as typeof globalThis & { crossOriginIsolated?: boolean };
	const isolated = g.crossOriginIsolated === true;
	cached = Object.freeze({
		crossOriginIsolated: isolated,
		wasmSimd: typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE),
		wasmThreads: isolated && typeof SharedArrayBuffer === 'function' && canShareWasmMemory(),
		webgpu: typeof navigator === 'object' && 'gpu' in navigator,
		offscreenCanvas: typeof OffscreenCanvas === 'function',
		hardwareConcurrency: typeof navigator === 'object' ? (navigator.hardwareConcurrency ?? 1) : 1
	});
	return cached;
}
