import { expect, test } from '@playwright/test';
import { MARKER_RGB } from '../fixtures/card-scene.ts';
import { CARD_Y4M, launchOptions } from './browser.ts';
import { capturedPixel } from './captured-pixel.ts';

// The app's default language (zh-CN); the browser here would otherwise ask for English.
test.use({ locale: 'zh-CN' });

// The fake camera plays a card sliding into view and settling.
test.use({ launchOptions: launchOptions(CARD_Y4M) });

test('the card is auto-captured once it settles, rectified upright', async ({ page }) => {
	await page.goto('/capture/id-front');
	await expect(page.getByRole('heading', { level: 1 })).toContainText('身份证人像面');
	// While the card is still coming in, the user is guided (not silently waiting). Starting
	// the card worker can take a while on a busy 2-core machine.
	await expect(page.getByTestId('guidance')).toHaveAttribute('data-code', /.+/, {
		timeout: 30_000
	});
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
	await expect(page.getByRole('button', { name: '使用此照片' })).toHaveCount(0);
	await page.getByRole('button', { name: '重拍' }).click();
	await expect(page.getByTestId('guidance')).toBeVisible();
});
