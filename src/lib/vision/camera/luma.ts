/**
 * Mean luma (BT.601, 0–255) of RGBA pixels, sampling every `step`-th pixel. Used to warn
 * "too dark" before capture; pure so it runs in a worker or a test.
 */
export function meanLuma(rgba: Uint8ClampedArray | Uint8Array, step = 4): number {
	const pixels = Math.floor(rgba.length / 4);
	if (pixels === 0) return 0;
	let sum = 0;
	let n = 0;
	for (let p = 0; p < pixels; p += step) {
		const i = p * 4;
		sum += 0.299 * (rgba[i] ?? 0) + 0.587 * (rgba[i + 1] ?? 0) + 0.114 * (rgba[i + 2] ?? 0);
		n++;
	}
	return sum / n;
}

/** Below this mean luma a card or face is too dark to read reliably (phone cameras in dim rooms). */
export const TOO_DARK_LUMA = 50;
