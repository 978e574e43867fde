/** Small statistics for the reliability bench. Pure. */

/** The `q`-quantile (0–1) of `xs` by nearest rank; NaN when empty. */
export function quantile(xs: number[], q: number): number {
	if (xs.length === 0) return NaN;
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

/**
 * Least-squares slope of `ys` over `xs` (units of y per unit of x); 0 with fewer than two points.
 * @example slope([0, 1, 2], [1, 3, 5]) // 2
 */
export function slope(xs: number[], ys: number[]): number {
	const n = Math.min(xs.length, ys.length);
	if (n < 2) return 0;
	const mx = xs.slice(0, n).reduce((a, b) => a + b, 0) / n;
	const my = ys.slice(0, n).reduce((a, b) => a + b, 0) / n;
	let num = 0;
	let den = 0;
	for (let i = 0; i < n; i++) {
		num += (xs[i]! - mx) * (ys[i]! - my);
		den += (xs[i]! - mx) ** 2;
	}
	return den === 0 ? 0 : num / den;
}

export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
