import { expect, test } from '@playwright/test';

test.use({ locale: 'zh-CN' });

/**
 * A booking notification pushed to the service worker (delivered by Chromium through CDP, as a
 * push service would) shows a generic notification that opens the booking's page.
 */
test('a booking push shows a notification linking to the booking', async ({ page, context }) => {
	await context.grantPermissions(['notifications']);
	await page.goto('/');
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
	const origin = new URL(page.url()).origin;
	const cdp = await context.newCDPSession(page);
	const registrationId = new Promise<string>((resolve) => {
		cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
			const reg = registrations.find((r) => r.scopeURL.startsWith(origin) && !r.isDeleted);
			if (reg) resolve(reg.registrationId);
		});
	});
	await cdp.send('ServiceWorker.enable');
	await cdp.send('ServiceWorker.deliverPushMessage', {
		origin,
		registrationId: await registrationId,
		data: JSON.stringify({ kind: 'called', booking: 'abc123', url: '/witness/abc123' })
	});
	const shown = await page.waitForFunction(async () => {
		const reg = await navigator.serviceWorker.ready;
		const [n] = await reg.getNotifications();
		return n ? { title: n.title, body: n.body, url: (n.data as { url: string }).url } : null;
	});
	expect(await shown.jsonValue()).toEqual({
		title: '开户 Kaihu',
		body: expect.stringContaining('坐席已就绪'),
		url: '/witness/abc123'
	});
});
