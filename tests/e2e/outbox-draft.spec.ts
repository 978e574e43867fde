import { createHash, randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { ownServerForFile } from './own-server-file.ts';
import { rawDevice, serverRecords, storedBlobSha } from './outbox-db.ts';

// The UI is bilingual; these tests read the zh-CN (default) texts.
test.use({ locale: 'zh-CN' });

/**
 * A capture whose save is cut by a reload after its draft was sealed but before it reached the
 * outbox (the chaos bench hit this window): after the reload `/outbox` lists it as an unsent
 * draft, and "send" queues it and gets it to the server exactly once.
 */
const own = ownServerForFile();

test('a draft half-saved before a reload shows on /outbox and can be sent', async ({ page }) => {
	test.setTimeout(60_000);
	const server = own();
	// The cut: the first write to the outbox store reloads the page instead (its transaction, which
	// also deletes the draft, aborts). Armed per tab through sessionStorage, fired once.
	await page.addInitScript(() => {
		const add = IDBObjectStore.prototype.add;
		IDBObjectStore.prototype.add = function (this: IDBObjectStore, ...args) {
			if (this.name === 'outbox' && sessionStorage.getItem('cut-before-outbox') === '1') {
				sessionStorage.removeItem('cut-before-outbox');
				location.reload();
				throw new DOMException('cut by the test before the outbox', 'AbortError');
			}
			return add.apply(this, args);
		};
	});
	await page.goto(`${server.origin}/outbox`);
	await page.evaluate(() => sessionStorage.setItem('cut-before-outbox', '1'));
	const buffer = randomBytes(500_000);
	const sha = createHash('sha256').update(buffer).digest('hex');
	await page.getByLabel('姓名').fill('赵半存');
	await page.getByLabel('证件号码').fill('11010519491231002X');
	await page.getByLabel('证件照片或录像').setInputFiles({
		name: 'id-card.jpg',
		mimeType: 'image/jpeg',
		buffer
	});
	await Promise.all([
		page.waitForEvent('framenavigated'),
		page.getByRole('button', { name: /提交/ }).click()
	]);
	await page.waitForLoadState('load');

	// After the reload: nothing queued, the draft listed with its (decrypted) name.
	const draft = page.getByTestId('draft-row');
	await expect(draft).toHaveCount(1);
	await expect(draft).toContainText('赵半存');
	await expect(page.getByTestId('outbox-row')).toHaveCount(0);
	expect(serverRecords(server.dataDir)).toEqual([]);

	await draft.getByRole('button', { name: '发送' }).click();
	await expect(draft).toHaveCount(0);
	const row = page.getByTestId('outbox-row');
	await expect(row).toHaveCount(1);
	await expect(row).toHaveAttribute('data-state', 'sent', { timeout: 30_000 });

	const records = serverRecords(server.dataDir);
	expect(records.map((r) => [r.id, r.kind, r.payload.name])).toEqual([
		[await row.getAttribute('data-id'), 'walk-in', '赵半存']
	]);
	expect(records[0]!.blobs).toEqual([
		expect.objectContaining({ sha256: sha, bytes: buffer.length })
	]);
	expect(storedBlobSha(server.dataDir, sha)).toBe(sha);
	// Nothing of it is left on the device: no draft, no chunks, a tombstone without payload.
	const device = await rawDevice(page);
	expect(device.chunks).toBe(0);
	expect(device.outbox).toEqual([expect.objectContaining({ state: 'sent', hasPayload: false })]);
	expect(device.dump).not.toContain('赵半存');
});
