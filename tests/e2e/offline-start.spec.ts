/**
 * The installed PWA starts offline: once the service worker has precached the app shell, a new
 * window opened with no network at the manifest's `start_url` (`/`) and at the wizard (`/open`)
 * shows the page (not the browser's offline error), cross-origin isolated, with its manifest and
 * icons.
 */
import { expect, test } from '@playwright/test';

test.use({ locale: 'zh-CN' });

test('after one online visit, / and /open open with no network', async ({ page, context }) => {
	await page.goto('/');
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
	await expect(page.getByTestId('offline-status')).toHaveAttribute('data-shell', 'ready', {
		timeout: 30_000
	});
	await page.close();
	await context.setOffline(true);

	for (const path of ['/', '/open']) {
		const win = await context.newPage();
		const res = await win.goto(path);
		expect(res?.status(), `${path} offline`).toBe(200);
		await expect(win.locator('main h1').first()).toBeVisible();
		if (path === '/open') {
			await expect(win.getByTestId('wizard')).toHaveAttribute('data-step', 'welcome');
			await expect(win.getByTestId('next')).toBeVisible();
		}
		const offline = await win.evaluate(async () => {
			const ok = async (url: string) => (await fetch(url)).ok;
			return {
				online: navigator.onLine,
				isolated: crossOriginIsolated,
				controlled: navigator.serviceWorker.controller !== null,
				manifest: await ok('/manifest.webmanifest'),
				icons: await Promise.all(
					['/icons/icon-192.png', '/icons/icon-512.png', '/icons/icon-maskable-512.png'].map(ok)
				)
			};
		});
		expect(offline, path).toEqual({
			online: false,
			isolated: true,
			controlled: true,
			manifest: true,
			icons: [true, true, true]
		});
		await win.close();
	}
});
