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
	},
	locale: 'zh-CN'
});

test('a denied camera permission explains how to fix it, in Chinese and English', async ({
	page
}) => {
	await page.goto('/camera-check');
	await page.getByRole('button', { name: '打开摄像头' }).click();
	const problem = page.getByRole('alert');
	await expect(problem).toHaveAttribute('data-code', 'permission_denied');
	await expect(problem).toContainText('摄像头权限被拒绝');
	// No dead end: the user can try again after changing the setting, and read how to fix it.
	await expect(page.getByRole('button', { name: '重试' })).toBeVisible();
	await page.getByRole('button', { name: 'English' }).click();
	await expect(problem).toContainText('Camera permission was denied');
	await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
	await page.getByRole('link', { name: 'Camera troubleshooting' }).click();
	await expect(page.getByTestId('problem-permission')).toBeVisible();
});
