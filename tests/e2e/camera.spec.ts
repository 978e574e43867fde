import { expect, test } from '@playwright/test';
import { QUADRANTS } from '../fixtures/pattern.ts';
import { videoPixels } from './video-pixels.ts';

// zh-CN, the app's default language (the browser's language picks the first one shown).
test.use({ locale: 'zh-CN' });

test('the camera check shows live frames from the fake camera', async ({ page }) => {
	await page.goto('/camera-check');
	await expect(page.getByRole('heading', { level: 1 })).toContainText('摄像头检测');
	await page.getByRole('button', { name: '打开摄像头' }).click();

	const status = page.getByTestId('camera-status');
	await expect(status).toContainText('640×480');
	// Live, not a still: the presented-frame counter keeps rising.
	const framesAt = async () => Number(await status.getAttribute('data-frames'));
	const first = await framesAt();
	await expect.poll(framesAt).toBeGreaterThan(first + 10);

	const [tl, tr, bl, br] = await videoPixels(page, 'preview', [
		[0.25, 0.2],
		[0.75, 0.2],
		[0.25, 0.8],
		[0.75, 0.8]
	]);
	const close = (got: number[] | undefined, want: readonly number[]) =>
		want.forEach((w, i) => expect(Math.abs((got?.[i] ?? -999) - w)).toBeLessThan(40));
	close(tl, QUADRANTS.topLeft);
	close(tr, QUADRANTS.topRight);
	close(bl, QUADRANTS.bottomLeft);
	close(br, QUADRANTS.bottomRight);
	await expect(page.getByTestId('too-dark')).toHaveCount(0);

	await page.getByRole('button', { name: '关闭摄像头' }).click();
	await expect(page.getByRole('button', { name: '打开摄像头' })).toBeVisible();
});

test('the page is cross-origin isolated so WASM threads are available', async ({ page }) => {
	await page.goto('/camera-check');
	expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
	await expect(page.getByTestId('isolated')).toHaveText('✓');
	await expect(page.getByTestId('worker-threads')).toHaveText('✓');
});
