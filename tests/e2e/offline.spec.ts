import { createHash, randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { ownServerForFile } from './own-server-file.ts';
import { rawDevice, serverRecords, storedBlobSha, utf8Latin1 } from './outbox-db.ts';

// The UI is bilingual; these tests read the zh-CN (default) texts.
test.use({ locale: 'zh-CN' });

/**
 * Offline-first acceptance: load once online, capture offline, reload offline, the record stays
 * queued and encrypted; back online it reaches the server exactly once and leaves the device.
 * Runs against its own server instance so the test can read the server's database directly.
 */
const server = ownServerForFile();

const NAME = '王小明';
const ID_NUMBER = '11010519491231002X';

/** A "photo": random bytes with a recognisable marker, so a plaintext copy would be found. */
function photo(): { buffer: Buffer; marker: string; sha256: string } {
	const marker = `PLAINTEXT-PHOTO-${randomBytes(8).toString('hex')}`;
	const buffer = Buffer.concat([Buffer.from(marker), randomBytes(300_000), Buffer.from(marker)]);
	return { buffer, marker, sha256: createHash('sha256').update(buffer).digest('hex') };
}

async function loadOnceOnline(page: Page): Promise<void> {
	await page.goto(`${server().origin}/outbox`);
	// Installed and controlling: the whole shell is precached.
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
	await expect(page.getByTestId('offline-status')).toHaveAttribute('data-shell', 'ready');
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

async function capture(page: Page, file: { buffer: Buffer }, name = NAME): Promise<void> {
	await page.getByLabel('姓名').fill(name);
	await page.getByLabel('证件号码').fill(ID_NUMBER);
	await page.getByLabel('证件照片或录像').setInputFiles({
		name: 'id-card.jpg',
		mimeType: 'image/jpeg',
		buffer: file.buffer
	});
	await page.getByRole('button', { name: /提交/ }).click();
}

test('captured offline, survives an offline reload encrypted, reaches the server exactly once', async ({
	page,
	context
}) => {
	await loadOnceOnline(page);
	await context.setOffline(true);

	const file = photo();
	await capture(page, file);
	const row = page.getByTestId('outbox-row');
	await expect(row).toHaveCount(1);
	await expect(row).toHaveAttribute('data-state', 'queued');

	await page.reload();
	await expect(page.getByRole('heading', { name: /网点采集/ })).toBeVisible();
	expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
	await expect(row).toHaveAttribute('data-state', 'queued');
	const id = (await row.getAttribute('data-id')) ?? '';

	const raw = await rawDevice(page);
	expect(raw.outbox).toEqual([{ id, state: 'queued', hasPayload: true }]);
	expect(raw.chunks).toBeGreaterThan(0);
	expect(raw.dump).not.toContain(utf8Latin1(NAME));
	expect(raw.dump).not.toContain(ID_NUMBER);
	expect(raw.dump).not.toContain(file.marker);
	expect(serverRecords(server().dataDir)).toEqual([]);

	await context.setOffline(false);
	await expect(row).toHaveAttribute('data-state', 'sent', { timeout: 20_000 });

	const records = serverRecords(server().dataDir);
	expect(records).toHaveLength(1);
	expect(records[0]).toMatchObject({
		id,
		kind: 'walk-in',
		payload: { name: NAME, idNumber: ID_NUMBER },
		blobs: [{ sha256: file.sha256, bytes: file.buffer.byteLength }]
	});
	expect(storedBlobSha(server().dataDir, file.sha256)).toBe(file.sha256);

	const after = await rawDevice(page);
	expect(after.outbox).toEqual([{ id, state: 'sent', hasPayload: false }]);
	expect(after.chunks).toBe(0);
	// Later triggers (reload = app open, timer) send nothing again.
	await page.reload();
	await expect(row).toHaveAttribute('data-state', 'sent');
	expect(serverRecords(server().dataDir)).toHaveLength(1);
});

test('quota exhaustion gives a clear error and loses nothing already queued', async ({
	page,
	context
}) => {
	await loadOnceOnline(page);
	await context.setOffline(true);
	const first = photo();
	await capture(page, first, '李四');
	const queued = page.locator('[data-testid="outbox-row"][data-state="queued"]');
	await expect(queued).toHaveCount(1);
	const before = await rawDevice(page);

	// Simulated: the page's IndexedDB refuses writes the way a full origin does, with a
	// QuotaExceededError, until the "space" is freed (the next test uses Chromium's real quota).
	await page.evaluate(() => {
		const full = () => {
			throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		};
		const proto = IDBObjectStore.prototype as unknown as Record<string, unknown>;
		const saved = { put: proto.put, add: proto.add };
		(globalThis as unknown as { freeSpace: () => void }).freeSpace = () =>
			Object.assign(proto, saved);
		proto.put = full;
		proto.add = full;
	});
	await capture(page, { buffer: randomBytes(4 * 1024 * 1024) }, '赵六');
	const error = page.getByTestId('store-error');
	await expect(error).toContainText('存储空间不足');
	await expect(error).toContainText('已排队的资料完好无损');
	await page.getByRole('button', { name: 'English' }).click();
	await expect(error).toContainText('out of storage');
	await expect(error).toContainText('Everything already queued is safe');
	await page.getByRole('button', { name: '中文' }).click();

	const during = await rawDevice(page);
	expect(during.outbox).toEqual(before.outbox);
	expect(during.chunks).toBe(before.chunks);

	await page.evaluate(() => (globalThis as unknown as { freeSpace: () => void }).freeSpace());
	await context.setOffline(false);
	const firstId = before.outbox.find((r) => r.state === 'queued')?.id ?? '';
	await expect(page.locator(`[data-id="${firstId}"]`)).toHaveAttribute('data-state', 'sent', {
		timeout: 20_000
	});
	const stored = serverRecords(server().dataDir).find((r) => r.id === firstId);
	expect(stored?.payload).toEqual({ name: '李四', idNumber: ID_NUMBER });
	expect(storedBlobSha(server().dataDir, first.sha256)).toBe(first.sha256);
});

test('real quota exhaustion (a DevTools quota override): a clear error, nothing queued lost', async ({
	page,
	context
}) => {
	await loadOnceOnline(page);
	await context.setOffline(true);
	// Chromium enforces this quota on IndexedDB writes: room for one small record, not a 4 MB one.
	const cdp = await context.newCDPSession(page);
	const { usage } = await page.evaluate(() => navigator.storage.estimate());
	await cdp.send('Storage.overrideQuotaForOrigin', {
		origin: server().origin,
		quotaSize: (usage ?? 0) + 1024 * 1024
	});
	const first = photo();
	await capture(page, first, '钱七');
	const queued = page.locator('[data-testid="outbox-row"][data-state="queued"]');
	await expect(queued).toHaveCount(1);
	const before = await rawDevice(page);

	await capture(page, { buffer: randomBytes(4 * 1024 * 1024) }, '孙八');
	const error = page.getByTestId('store-error');
	await expect(error).toContainText('存储空间不足');
	await expect(error).toContainText('已排队的资料完好无损');
	await page.getByRole('button', { name: 'English' }).click();
	await expect(error).toContainText('out of storage');
	const during = await rawDevice(page);
	expect(during.outbox).toEqual(before.outbox);
	expect(during.chunks).toBe(before.chunks);

	// Space is back (override lifted): the queued record still sends intact.
	await cdp.send('Storage.overrideQuotaForOrigin', { origin: server().origin });
	await context.setOffline(false);
	const firstId = before.outbox.find((r) => r.state === 'queued')?.id ?? '';
	await expect(page.locator(`[data-id="${firstId}"]`)).toHaveAttribute('data-state', 'sent', {
		timeout: 20_000
	});
	const stored = serverRecords(server().dataDir).find((r) => r.id === firstId);
	expect(stored?.payload).toEqual({ name: '钱七', idNumber: ID_NUMBER });
	expect(storedBlobSha(server().dataDir, first.sha256)).toBe(first.sha256);
});
