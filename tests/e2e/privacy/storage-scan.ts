/**
 * Reads everything an origin keeps on the device with the bare web APIs (no app code, so nothing
 * decrypts): every IndexedDB database and object store, Cache Storage (URLs and bodies),
 * localStorage and sessionStorage. Values are searched in the page for the needles as text and as
 * UTF-8 / UTF-16 bytes inside binary values, so sealed data passes and plaintext does not.
 */
import type { Page } from '@playwright/test';
import {
	encodedForms,
	type PiiField,
	type TestIdentity
} from '../../fixtures/privacy/pii-leaks.ts';

export interface StorageScan {
	hits: { field: PiiField; where: string }[];
	stats: {
		databases: string[];
		stores: number;
		records: number;
		binaryBytes: number;
		caches: number;
		cacheEntries: number;
		cacheBytes: number;
		localStorageKeys: number;
		sessionStorageKeys: number;
		cryptoKeys: number;
		extractableKeys: number;
	};
}

/** Needles of an identity: each value and its JSON-escaped / percent-encoded forms. */
export function storageNeedles(who: TestIdentity): [PiiField, string][] {
	const out: [PiiField, string][] = [];
	for (const field of ['name', 'idNumber', 'phone', 'bankCard', 'address'] as const) {
		const v = who[field];
		if (v) for (const form of encodedForms(v)) out.push([field, form]);
	}
	return out;
}

/** Scans the storage of `page`'s origin for `who`'s data (the page must be on the app origin). */
export function scanDeviceStorage(page: Page, who: TestIdentity): Promise<StorageScan> {
	return page.evaluate(async (needles) => {
		const hits: StorageScan['hits'] = [];
		const stats: StorageScan['stats'] = {
			databases: [],
			stores: 0,
			records: 0,
			binaryBytes: 0,
			caches: 0,
			cacheEntries: 0,
			cacheBytes: 0,
			localStorageKeys: 0,
			sessionStorageKeys: 0,
			cryptoKeys: 0,
			extractableKeys: 0
		};
		const utf8 = new TextDecoder('utf-8');
		const utf16 = new TextDecoder('utf-16le');
		const search = (text: string, where: string) => {
			for (const [field, needle] of needles) if (text.includes(needle)) hits.push({ field, where });
		};
		const searchBytes = (bytes: Uint8Array, where: string) => {
			stats.binaryBytes += bytes.byteLength;
			search(utf8.decode(bytes), where);
			search(utf16.decode(bytes), where);
		};
		const bytesOf = (v: ArrayBuffer | ArrayBufferView) =>
			v instanceof ArrayBuffer
				? new Uint8Array(v)
				: new Uint8Array(v.buffer, v.byteOffset, v.byteLength);

		const blobs: [Blob, string][] = [];
		const walk = (v: unknown, where: string, depth = 0): void => {
			if (depth > 32 || v === null || v === undefined) return;
			if (typeof v === 'string') return search(v, where);
			if (typeof v !== 'object') return search(String(v), where);
			if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) return searchBytes(bytesOf(v), where);
			if (v instanceof Blob) return void blobs.push([v, where]);
			if (v instanceof CryptoKey) {
				stats.cryptoKeys++;
				if (v.extractable) stats.extractableKeys++;
				return;
			}
			if (v instanceof Date) return;
			const entries = v instanceof Map ? [...v.entries()].flat() : v instanceof Set ? [...v] : null;
			if (entries) return entries.forEach((x) => walk(x, where, depth + 1));
			for (const [k, x] of Object.entries(v)) {
				search(k, where);
				walk(x, `${where}.${k}`, depth + 1);
			}
		};

		for (const info of await indexedDB.databases()) {
			if (!info.name) continue;
			stats.databases.push(info.name);
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const req = indexedDB.open(info.name as string);
				req.onsuccess = () => resolve(req.result);
				req.onerror = () => reject(req.error);
			});
			for (const store of db.objectStoreNames) {
				stats.stores++;
				const rows = await new Promise<{ key: IDBValidKey; value: unknown }[]>(
					(resolve, reject) => {
						const out: { key: IDBValidKey; value: unknown }[] = [];
						const req = db.transaction(store).objectStore(store).openCursor();
						req.onsuccess = () => {
							const c = req.result;
							if (!c) return resolve(out);
							out.push({ key: c.primaryKey, value: c.value });
							c.continue();
						};
						req.onerror = () => reject(req.error);
					}
				);
				for (const { key, value } of rows) {
					stats.records++;
					walk(key, `idb:${info.name}/${store}#key`);
					walk(value, `idb:${info.name}/${store}`);
				}
			}
			db.close();
		}
		for (const name of await caches.keys()) {
			stats.caches++;
			search(name, `cache:${name}`);
			const cache = await caches.open(name);
			for (const req of await cache.keys()) {
				stats.cacheEntries++;
				search(req.url, `cache:${name} url`);
				const res = await cache.match(req);
				if (!res) continue;
				const body = new Uint8Array(await res.arrayBuffer());
				stats.cacheBytes += body.byteLength;
				searchBytes(body, `cache:${name} ${new URL(req.url).pathname}`);
			}
		}
		for (const [label, store] of [
			['localStorage', localStorage],
			['sessionStorage', sessionStorage]
		] as const) {
			for (let i = 0; i < store.length; i++) {
				const key = store.key(i) ?? '';
				search(key + '\n' + (store.getItem(key) ?? ''), `${label}:${key}`);
			}
			stats[label === 'localStorage' ? 'localStorageKeys' : 'sessionStorageKeys'] = store.length;
		}
		for (const [blob, where] of blobs) searchBytes(new Uint8Array(await blob.arrayBuffer()), where);
		return { hits, stats };
	}, storageNeedles(who));
}
