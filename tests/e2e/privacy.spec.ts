import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { RequestRecorder } from './privacy/requests.ts';
import { scanDeviceStorage } from './privacy/storage-scan.ts';

/**
 * The privacy checks the journey runs (`privacy/watch.ts`) can fail: each finds what it looks for
 * when it is there. A stand-in third party on another loopback address is the foreign origin.
 */
const WHO = {
	name: '欧阳探针',
	idNumber: '11010519800101123X',
	phone: '13900139000',
	bankCard: '6228480402564890018',
	address: '北京市东城区探针路2号'
};

let thirdParty: Server;
let foreign = '';
test.beforeAll(async () => {
	thirdParty = createServer((_req, res) => {
		res.writeHead(200, { 'content-type': 'text/html' });
		res.end('<p>elsewhere</p>');
	});
	await new Promise<void>((resolve) => thirdParty.listen(0, '127.0.0.2', resolve));
	foreign = `http://127.0.0.2:${(thirdParty.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => thirdParty.close(() => resolve())));

test('the request recorder flags a third-party request and counts what the CSP blocked', async ({
	browser,
	baseURL
}) => {
	const recorder = new RequestRecorder(new URL(baseURL ?? '').origin);
	const ctx = await browser.newContext();
	await recorder.attach(ctx, 'probe');
	const page = await ctx.newPage();
	await page.goto('/');
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
	await page.reload(); // now through the service worker
	// The page's CSP stops this one before it leaves the browser: a violation, not a request.
	await page.evaluate((url) => fetch(url).catch(() => undefined), `${foreign}/beacon`);
	await expect.poll(() => recorder.violations.length).toBeGreaterThan(0);
	expect(await recorder.problems()).toEqual([]);

	await page.goto(`${foreign}/elsewhere`); // a request the CSP cannot stop: a navigation
	const problems = await recorder.problems();
	expect(problems.some((p) => p.includes(`${foreign}/elsewhere`))).toBe(true);
	expect(problems.some((p) => p.includes('/beacon'))).toBe(false);
	const summary = await recorder.summary();
	expect(summary.bySource['service-worker'] ?? 0).toBeGreaterThan(0);
	expect(summary.documentsChecked).toBeGreaterThan(1);
	await ctx.close();
});

test('the storage scan finds plaintext in IndexedDB, Cache Storage and web storage, and extractable keys', async ({
	page
}) => {
	await page.goto('/api/health');
	const clean = await scanDeviceStorage(page, WHO);
	expect(clean.hits).toEqual([]);

	await page.evaluate(async (who) => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const req = indexedDB.open('privacy-probe', 1);
			req.onupgradeneeded = () => req.result.createObjectStore('rows');
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(req.error);
		});
		const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, [
			'encrypt'
		]);
		const tx = db.transaction('rows', 'readwrite');
		const rows = tx.objectStore('rows');
		rows.put({ nested: { name: who.name } }, 'string');
		rows.put(new TextEncoder().encode(JSON.stringify({ id: who.idNumber })).buffer, 'bytes');
		rows.put(new Blob([`phone=${who.phone}`]), 'blob');
		rows.put(key, 'key');
		await new Promise((resolve) => (tx.oncomplete = resolve));
		db.close();
		const cache = await caches.open('privacy-probe');
		await cache.put('/privacy-probe', new Response(`card ${who.bankCard}`));
		localStorage.setItem('probe', who.address);
		sessionStorage.setItem('probe', encodeURIComponent(who.name));
	}, WHO);

	const scan = await scanDeviceStorage(page, WHO);
	const where = (field: string) => scan.hits.filter((h) => h.field === field).map((h) => h.where);
	expect(where('name')).toEqual(
		expect.arrayContaining(['idb:privacy-probe/rows.nested.name', 'sessionStorage:probe'])
	);
	expect(where('idNumber')).toEqual(['idb:privacy-probe/rows']);
	expect(where('phone')).toEqual(['idb:privacy-probe/rows']);
	expect(where('bankCard')).toEqual(['cache:privacy-probe /privacy-probe']);
	expect(where('address')).toEqual(['localStorage:probe']);
	expect(scan.stats.extractableKeys).toBe(1);

	await page.evaluate(async () => {
		indexedDB.deleteDatabase('privacy-probe');
		await caches.delete('privacy-probe');
		localStorage.removeItem('probe');
		sessionStorage.removeItem('probe');
	});
});
