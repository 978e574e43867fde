import type { Page } from '@playwright/test';

/** RGB at a fractional position of the captured (rectified) card. */
export async function capturedPixel(page: Page, fx: number, fy: number): Promise<number[]> {
	return page.getByTestId('captured').evaluate(
		(el, { x, y }) => {
			const c = el as HTMLCanvasElement;
			const d = c
				.getContext('2d')
				?.getImageData(Math.floor(x * c.width), Math.floor(y * c.height), 1, 1).data;
			return d ? [d[0] ?? 0, d[1] ?? 0, d[2] ?? 0] : [];
		},
		{ x: fx, y: fy }
	);
}
