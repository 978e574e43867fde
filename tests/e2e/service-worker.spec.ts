import { createHash, randomBytes } from 'node:crypto';
import { appendFileSync, cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { freePort, OwnServer, ROOT } from './own-server.ts';
import { rawDevice, serverRecords, storedBlobSha } from './outbox-db.ts';

// The UI is bilingual; these tests read the zh-CN (default) texts.
test.use({ locale: 'zh-CN' });

/**
 * The service worker: models cached with progress until "ready to work offline", served offline
 * with the isolation headers intact; and an update prompt that keeps an upload in flight.
 * The server serves a copy of the build, so a test can publish a "new version" of the worker.
 */
let server: OwnServer;
let clientDir: string;

test.beforeAll(async () => {
	clientDir = mkdtempSync(join(tmpdir(), 'kaihu-client-'));
	cpSync(join(ROOT, 'build'), clientDir, { recursive: true });
	server = new OwnServer(await freePort(), clientDir);
	await server.start();
});
test.afterAll(async () => {
	await server.kill();
});

async function installed(page: Page, path: string): Promise<void> {
	await page.goto(`${server.origin}${path}`);
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

test('models the capture step fetched count as offline-ready; the rest download with progress; then works offline isolated', async ({
	page,
	context
}) => {
	test.setTimeout(180_000); // ~90 MB of models and wasm, then the capture step's workers
	await installed(page, '/');
	const status = page.getByTestId('offline-status');
	await expect(status).toHaveAttribute('data-ready', 'false');
	await expect(status).toHaveAttribute('data-steps', '');
	// The capture step loads the OCR models on its own (through the worker's cache):
	// the banner must say card reading now works offline, without any download button press.
	await page.goto(`${server.origin}/capture/id-front`);
	await expect(status).toHaveAttribute('data-steps', 'card', { timeout: 60_000 });
	await expect(status).toContainText('可离线：证件识别');
	await expect(status).toContainText('待下载：人脸核验');

	await status.getByRole('button', { name: /下载离线资源/ }).click();
	await expect(status.locator('progress')).toBeVisible();
	await expect(status).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
	await expect(status).toContainText('可离线使用');
	await page.getByRole('button', { name: 'English' }).click();
	await expect(status).toContainText('Ready to work offline');

	await context.setOffline(true);
	await page.reload();
	await expect(status).toHaveAttribute('data-ready', 'true');
	const manifest = JSON.parse(
		readFileSync(join(ROOT, 'static', 'models', 'manifest.json'), 'utf8')
	) as { assets: { path: string; bytes: number }[] };
	const wasm = manifest.assets.find((a) => a.path.endsWith('.wasm'));
	const got = await page.evaluate(async (path) => {
		const res = await fetch(path);
		return {
			status: res.status,
			bytes: (await res.arrayBuffer()).byteLength,
			corp: res.headers.get('cross-origin-resource-policy'),
			isolated: crossOriginIsolated
		};
	}, wasm?.path ?? '');
	expect(got).toEqual({ status: 200, bytes: wasm?.bytes, corp: 'same-origin', isolated: true });
});

test('an update prompt reloads into the new version without dropping the upload in flight', async ({
	page,
	context
}) => {
	await installed(page, '/outbox');
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	const throttle = (bps: number) =>
		cdp.send('Network.emulateNetworkConditions', {
			offline: false,
			latency: 0,
			downloadThroughput: -1,
			uploadThroughput: bps
		});
	await throttle(1024 * 1024);

	const file = randomBytes(6 * 1024 * 1024);
	await page.getByLabel('姓名').fill('周八');
	await page.getByLabel('证件号码').fill('110105194912310038');
	await page.getByLabel('证件照片或录像').setInputFiles({
		name: 'v.webm',
		mimeType: 'video/webm',
		buffer: file
	});
	await page.getByRole('button', { name: /提交/ }).click();
	const row = page.getByTestId('outbox-row');
	await expect(row).toHaveAttribute('data-state', 'uploading', { timeout: 20_000 });
	const id = await row.getAttribute('data-id');

	// Publish a new version of the worker; the page finds it and asks before switching.
	appendFileSync(join(clientDir, 'service-worker.js'), '\n// next version\n');
	await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
	const prompt = page.getByRole('button', { name: /新版本可用/ });
	await expect(prompt).toBeVisible({ timeout: 20_000 });
	await Promise.all([page.waitForEvent('load'), prompt.click()]);

	await throttle(-1);
	// The new worker took over (nothing left waiting) …
	expect(
		await page.evaluate(
			async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null
		)
	).toBeNull();
	// … and the record interrupted by the reload resumes and arrives once.
	await expect(row).toHaveAttribute('data-id', id ?? '');
	await expect(row).toHaveAttribute('data-state', 'sent', { timeout: 30_000 });
	const sha = createHash('sha256').update(file).digest('hex');
	expect(serverRecords(server.dataDir).filter((r) => r.id === id)).toHaveLength(1);
	expect(storedBlobSha(server.dataDir, sha)).toBe(sha);
});

test('Background Sync with no page open: the service worker itself sends the queued record', async ({
	page,
	context
}) => {
	await installed(page, '/outbox');
	await context.setOffline(true);
	const file = randomBytes(200_000);
	await page.getByLabel('姓名').fill('孙九');
	await page.getByLabel('证件号码').fill('110105194912310054');
	await page.getByLabel('证件照片或录像').setInputFiles({
		name: 'id.jpg',
		mimeType: 'image/jpeg',
		buffer: file
	});
	await page.getByRole('button', { name: /提交/ }).click();
	const row = page.getByTestId('outbox-row');
	await expect(row).toHaveAttribute('data-state', 'queued');
	const id = (await row.getAttribute('data-id')) ?? '';

	// A blank tab (no client of the app's worker) holds the DevTools session; the app closes.
	const probe = await context.newPage();
	const cdp = await context.newCDPSession(probe);
	// Registrations of this origin the DevTools session reports. An earlier test's context on the
	// same server can still be listed, so the sync event goes to every live one of this origin.
	const registrations = new Set<string>();
	cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations: list }) => {
		for (const r of list)
			if (r.scopeURL.startsWith(server.origin)) {
				if (r.isDeleted) registrations.delete(r.registrationId);
				else registrations.add(r.registrationId);
			}
	});
	await cdp.send('ServiceWorker.enable');
	await expect.poll(() => registrations.size).toBeGreaterThan(0);
	await page.close();
	await context.setOffline(false);
	expect(serverRecords(server.dataDir).filter((r) => r.id === id)).toEqual([]);

	// What Chromium does when connectivity returns for the registered tag.
	// (A stale registration may refuse the event; the poll below judges the outcome.)
	for (const registrationId of registrations)
		await cdp
			.send('ServiceWorker.dispatchSyncEvent', {
				origin: server.origin,
				registrationId,
				tag: 'kaihu-outbox',
				lastChance: false
			})
			.catch(() => undefined);
	await expect
		.poll(() => serverRecords(server.dataDir).filter((r) => r.id === id).length, {
			timeout: 20_000
		})
		.toBe(1);
	const sha = createHash('sha256').update(file).digest('hex');
	expect(storedBlobSha(server.dataDir, sha)).toBe(sha);

	// The next time the app opens, the record shows as sent and its data is gone from the device.
	const again = await context.newPage();
	await again.goto(`${server.origin}/outbox`);
	await expect(again.locator(`[data-id="${id}"]`)).toHaveAttribute('data-state', 'sent');
	const raw = await rawDevice(again);
	expect(raw.outbox.find((r) => r.id === id)).toEqual({ id, state: 'sent', hasPayload: false });
	expect(raw.chunks).toBe(0);
	expect(serverRecords(server.dataDir).filter((r) => r.id === id)).toHaveLength(1);
});
