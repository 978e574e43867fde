import { expect, test } from '@playwright/test';
import { MARKER_RGB } from '../fixtures/card-scene.ts';
import { CARD_PHOTO, NO_CARD_PHOTO } from './browser.ts';
import { capturedPixel } from './captured-pixel.ts';

// The app's default language (zh-CN); the browser here would otherwise ask for English.
test.use({ locale: 'zh-CN' });

// The default fake camera shows a colour pattern, no card: only the imported photos can be captured.

test('an imported phone photo of a card is rectified; a photo without one gets clear guidance', async ({
	page
}) => {
	await page.goto('/capture/bank');
	await page.getByTestId('import').setInputFiles(NO_CARD_PHOTO);
	const problem = page.getByTestId('import-problem');
	// Starting the card worker can take a while on a busy 2-core machine.
	await expect(problem).toHaveAttribute('data-code', 'no_card', { timeout: 30_000 });
	await expect(problem).toContainText('没有找到卡片');
	await page.getByRole('button', { name: 'English' }).click();
	await expect(problem).toContainText('No card was found');

	await page.getByTestId('import').setInputFiles(CARD_PHOTO);
	await expect(page.getByTestId('captured')).toBeVisible({ timeout: 20_000 });
	const marker = await capturedPixel(page, 0.075, 0.12);
	MARKER_RGB.forEach((v, i) => expect(Math.abs((marker[i] ?? 0) - v)).toBeLessThan(60));
});
