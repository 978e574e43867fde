import { expect, test, type Page } from '@playwright/test';
import { MARKER_RGB } from '../fixtures/card-scene.ts';
import { CARD_PHOTO, CARD_Y4M, launchOptions, NO_CARD_PHOTO } from './browser.ts';

// The fake camera plays a card sliding into view and settling.
test.use({ launchOptions: launchOptions(CARD_Y4M) });

/** RGB at a fractional position of the captured (rectified) card. */
async function capturedPixel(page: Page, fx: number, fy: number): Promise<number[]> {
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

test('the card is auto-captured once it settles, rectified upright', async ({ page }) => {
	await page.goto('/capture/id-front');
	await expect(page.getByRole('heading', { level: 1 })).toContainText('身份证人像面');
	// While the card is still coming in, the user is guided (not silently waiting).
	await expect(page.getByTestId('guidance')).toHaveAttribute('data-code', /.+/);
	const captured = page.getByTestId('captured');
	await expect(captured).toBeVisible({ timeout: 30_000 });
	expect(
		await captured.evaluate((c) => [
			(c as HTMLCanvasElement).width,
			(c as HTMLCanvasElement).height
		])
	).toEqual([856, 540]);
	// The red marker printed at the card's top-left corner is at the top-left after rectification.
	const marker = await capturedPixel(page, 0.075, 0.12);
	MARKER_RGB.forEach((v, i) => expect(Math.abs((marker[i] ?? 0) - v)).toBeLessThan(45));
	const body = await capturedPixel(page, 0.5, 0.9);
	expect(body[0]).toBeGreaterThan(180); // light card stock, not background

	// The scripted card carries no real text: the user is told to retake, never shown made-up fields.
	const problem = page.getByTestId('reading-problem');
	await expect(problem).toHaveAttribute('data-code', 'unreadable', { timeout: 60_000 });
	await expect(page.getByTestId('fields')).toHaveCount(0);
	await expect(page.getByRole('button', { name: /Use this photo/ })).toHaveCount(0);
	await page.getByRole('button', { name: /Retake/ }).click();
	await expect(page.getByTestId('guidance')).toBeVisible();
});

test('an imported phone photo of a card is rectified; a photo without one gets clear guidance', async ({
	page
}) => {
	await page.goto('/capture/bank');
	await page.getByTestId('import').setInputFiles(NO_CARD_PHOTO);
	const problem = page.getByTestId('import-problem');
	// Loading opencv.js (11 MB) can take a while on a busy 2-core machine.
	await expect(problem).toHaveAttribute('data-code', 'no_card', { timeout: 30_000 });
	await expect(problem).toContainText('没有找到卡片');
	await expect(problem).toContainText('No card was found');

	await page.getByTestId('import').setInputFiles(CARD_PHOTO);
	await expect(page.getByTestId('captured')).toBeVisible({ timeout: 20_000 });
	const marker = await capturedPixel(page, 0.075, 0.12);
	MARKER_RGB.forEach((v, i) => expect(Math.abs((marker[i] ?? 0) - v)).toBeLessThan(60));
});
