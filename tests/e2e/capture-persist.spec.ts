import { expect, test, type Page } from '@playwright/test';
import { CARD_Y4M, launchOptions } from './browser.ts';
import { rawDevice } from './outbox-db.ts';

// The fake camera plays a card sliding into view and settling.
test.use({ launchOptions: launchOptions(CARD_Y4M), locale: 'zh-CN' });

/** Names of the files of every capture draft, read with the bare IndexedDB API. */
function draftFiles(page: Page): Promise<string[][]> {
	return page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const req = indexedDB.open('kaihu');
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(req.error);
		});
		const rows = await new Promise<{ blobs: { name: string }[] }[]>((resolve, reject) => {
			const req = db.transaction('captures').objectStore('captures').getAll();
			req.onsuccess = () => resolve(req.result as { blobs: { name: string }[] }[]);
			req.onerror = () => reject(req.error);
		});
		db.close();
		return rows.map((r) => r.blobs.map((b) => b.name).sort());
	});
}

test('a captured side and its portrait are sealed on the device at once and survive a reload', async ({
	page
}) => {
	await page.goto('/capture/id-front');
	await expect(page.getByTestId('captured')).toBeVisible({ timeout: 60_000 });
	// Saved the moment it was captured, before the user accepts it.
	await expect.poll(() => draftFiles(page)).toEqual([['id-front.jpg', 'portrait.jpg']]);
	const raw = await rawDevice(page);
	expect(raw.chunks).toBe(2);
	expect(raw.dump).not.toContain('JFIF'); // the JPEGs are stored sealed, not as images

	await page.goto('/capture');
	await page.reload();
	await expect(page.getByTestId('side-id-front')).toHaveAttribute('data-done', 'yes');
	await expect(page.getByTestId('side-id-back')).toHaveAttribute('data-done', 'no');
});
