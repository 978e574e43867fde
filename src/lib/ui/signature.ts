/** Strokes of a drawn signature: pure geometry the pad draws and tests check. */

export type Point = readonly [x: number, y: number];
export type Stroke = readonly Point[];

/** A signature needs some ink: at least `minLength` px of stroke in total (a tap or a dot is not one). */
export function inkLength(strokes: readonly Stroke[]): number {
	let n = 0;
	for (const s of strokes)
		for (let i = 1; i < s.length; i++) {
			const a = s[i - 1] as Point;
			const b = s[i] as Point;
			n += Math.hypot(b[0] - a[0], b[1] - a[1]);
		}
	return n;
}

export const MIN_INK = 60;

/** Maps a pointer position in CSS pixels to the canvas's own pixels. */
export function toCanvas(
	clientX: number,
	clientY: number,
	rect: { left: number; top: number; width: number; height: number },
	canvas: { width: number; height: number }
): Point {
	return [
		((clientX - rect.left) * canvas.width) / rect.width,
		((clientY - rect.top) * canvas.height) / rect.height
	];
}
