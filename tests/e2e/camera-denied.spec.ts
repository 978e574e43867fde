import { expect, test } from '@playwright/test';
import { launchOptions } from './browser.ts';

// A browser whose user denies the camera prompt: the fake device exists, the auto-accept flag is
// replaced by Chromium's deny-all switch.
const base = launchOptions();
test.use({
	launchOptions: {
		...base,
		args: [
			...base.args.filter((a) => a !== '--use-fake-ui-for-media-stream'),
			'--deny-permission-prompts'
		]
	}
});

test('a denied camera permission explains how to fix it, in Chinese and English', async ({
	page
}) => {
	await page.goto('/camera-check');
	await page.getByRole('button', { name: /Start camera/ }).click();
	const problem = page.getByRole('alert');
	await expect(problem).toHaveAttribute('data-code', 'permission_denied');
	await expect(problem).toContainText('摄像头权限被拒绝');
	await expect(problem).toContainText('Camera permission was denied');
	// No dead end: the user can try again after changing the setting.
	await expect(page.getByRole('button', { name: /Try again/ })).toBeVisible();
});
