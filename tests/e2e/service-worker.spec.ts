import { createHash, randomBytes } from 'node:crypto';
import { appendFileSync, cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { freePort, OwnServer, ROOT } from './own-server.ts';
import { serverRecords, storedBlobSha } from './outbox-db.ts';

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

test('downloads models with progress, then works offline with models served isolated', async ({
	page,
	context
}) => {
	await installed(page, '/');
	const status = page.getByTestId('offline-status');
	await expect(status).toHaveAttribute('data-ready', 'false');
	await status.getByRole('button', { name: /下载离线资源/ }).click();
	await expect(status.locator('progress')).toBeVisible();
	await expect(status).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
	await expect(status).toContainText('可离线使用');
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

test('a Background Sync event reaches the open page as a sync trigger', async ({
	page,
	context
}) => {
	await installed(page, '/outbox');
	const cdp = await context.newCDPSession(page);
	const registrationId = new Promise<string>((resolve) => {
		cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
			const reg = registrations.find((r) => r.scopeURL.startsWith(server.origin) && !r.isDeleted);
			if (reg) resolve(reg.registrationId);
		});
	});
	await cdp.send('ServiceWorker.enable');
	await page.evaluate(() => {
		const w = globalThis as unknown as { swMessages: string[] };
		w.swMessages = [];
		navigator.serviceWorker.addEventListener('message', (e: MessageEvent) =>
			w.swMessages.push((e.data as { type: string }).type)
		);
	});
	// What Chromium does when connectivity returns for a registered tag (the page registers
	// `kaihu-outbox` whenever it queues a record).
	await cdp.send('ServiceWorker.dispatchSyncEvent', {
		origin: server.origin,
		registrationId: await registrationId,
		tag: 'kaihu-outbox',
		lastChance: false
	});
	await page.waitForFunction(() =>
		(globalThis as unknown as { swMessages: string[] }).swMessages.includes('sync')
	);
});
