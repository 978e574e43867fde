import type { Page } from '@playwright/test';

/**
 * RGB of the current frame of the `<video>` with test id `testId`, at fractional positions
 * (`[0.25, 0.25]` is the middle of the top-left quadrant), read by drawing the frame on a canvas.
 */
export async function videoPixels(
	page: Page,
	testId: string,
	points: [number, number][]
): Promise<number[][]> {
	return page.getByTestId(testId).evaluate((el, pts) => {
		const v = el as HTMLVideoElement;
		const c = document.createElement('canvas');
		c.width = v.videoWidth;
		c.height = v.videoHeight;
		const ctx = c.getContext('2d', { willReadFrequently: true });
		if (!ctx) throw new Error('no 2d context');
		ctx.drawImage(v, 0, 0);
		return pts.map(([fx, fy]): number[] =>
			Array.from(
				ctx.getImageData(Math.floor(fx * c.width), Math.floor(fy * c.height), 1, 1).data.slice(0, 3)
			)
		);
	}, points);
}
