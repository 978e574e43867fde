import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { finalize, listDrafts, loadDraft, loadDraftFile, saveDraft } from './captures.ts';
import { deviceKey, seal, sealJson, unseal, unsealJson } from './crypto.ts';
import { openDb, type KaihuDb } from './db.ts';
import { StoreError } from './errors.ts';
import { confirmSent, listOutbox, loadPayload, pruneSent } from './outbox.ts';
import { CHUNK_BYTES, readBlob } from './recordings.ts';

const opened: KaihuDb[] = [];
function fresh(): KaihuDb {
	// A fresh factory per test: an empty "device".
	const db = openDb('kaihu-test', { indexedDB: new IDBFactory(), IDBKeyRange });
	opened.push(db);
	return db;
}
afterEach(() => {
	for (const db of opened.splice(0)) db.close();
	vi.restoreAllMocks();
});

const PII = { name: '张三', idNumber: '11010519491231002X' };
const bytes = (n: number, seed = 1) => {
	const b = new Uint8Array(n);
	for (let i = 0; i < n; i++) b[i] = (i * 31 + seed) & 0xff;
	return b;
};
const hex = async (b: Uint8Array<ArrayBuffer>) =>
	Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', b)), (x) =>
		x.toString(16).padStart(2, '0')
	).join('');

describe('device key and sealing', () => {
	it('creates one non-extractable AES-GCM key and reuses it across opens', async () => {
		const db = fresh();
		const [a, b] = await Promise.all([deviceKey(db), deviceKey(db)]);
		expect(a).toBe(b);
		expect(a.extractable).toBe(false);
		expect(a.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
		await expect(crypto.subtle.exportKey('raw', a)).rejects.toThrow();
		expect(await db.keys.count()).toBe(1);
	});

	it('round-trips and refuses a value moved to another record or tampered with', async () => {
		const key = await deviceKey(fresh());
		const sealed = await sealJson(key, PII, 'outbox:a');
		expect(await unsealJson(key, sealed, 'outbox:a')).toEqual(PII);
		await expect(unsealJson(key, sealed, 'outbox:b')).rejects.toMatchObject({
			code: 'decrypt_failed'
		});
		const tampered = new Uint8Array(sealed.data.slice(0));
		tampered[0] = (tampered[0] ?? 0) ^ 1;
		await expect(unseal(key, { ...sealed, data: tampered.buffer }, 'outbox:a')).rejects.toThrow(
			StoreError
		);
		const twice = await seal(key, new Uint8Array([1, 2, 3]), 'x');
		const again = await seal(key, new Uint8Array([1, 2, 3]), 'x');
		expect(twice.iv).not.toEqual(again.iv); // fresh IV per seal
	});
});

describe('captures → outbox → confirmed', () => {
	it('stores nothing readable: no PII or photo bytes appear in any raw row', async () => {
		const db = fresh();
		const photo = bytes(5000);
		const id = await saveDraft(db, {
			kind: 'walk-in',
			data: PII,
			files: [{ name: 'id-front.jpg', type: 'image/jpeg', bytes: photo }]
		});
		const raw = JSON.stringify(
			[...(await db.captures.toArray()), ...(await db.chunks.toArray())],
			(_k, v: unknown) =>
				v instanceof ArrayBuffer || ArrayBuffer.isView(v)
					? Buffer.from(v as ArrayBuffer).toString('latin1')
					: v
		);
		expect(raw).not.toContain('张三');
		expect(raw).not.toContain(PII.idNumber);
		expect(raw).not.toContain(Buffer.from(photo.subarray(0, 64)).toString('latin1'));
		expect((await loadDraft(db, id)).data).toEqual(PII);
	});

	it('a draft becomes one queued record with its files; decrypts back byte for byte', async () => {
		const db = fresh();
		const video = bytes(CHUNK_BYTES * 2 + 123, 7);
		const id = await saveDraft(db, {
			kind: 'walk-in',
			data: PII,
			files: [{ name: 'v.webm', type: 'video/webm', bytes: video }]
		});
		await expect(finalize(db, id, () => false)).rejects.toMatchObject({ code: 'not_final' });
		const recordId = await finalize(db, id);
		expect(await listDrafts(db)).toEqual([]);
		const [row] = await listOutbox(db);
		expect(row).toMatchObject({ id: recordId, state: 'queued', attempts: 0 });
		expect(row?.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
		expect(row?.blobs[0]).toMatchObject({ bytes: video.byteLength, chunks: 3, done: false });
		expect(row?.blobs[0]?.sha256).toBe(await hex(video));
		expect(await loadPayload(db, row!)).toEqual(PII);
		const blob = await readBlob(db, await deviceKey(db), row!.blobs[0]!);
		expect(await hex(new Uint8Array(await blob.arrayBuffer()))).toBe(row?.blobs[0]?.sha256);
	});

	it('purges payload and files only when the server confirmed, keeping a tombstone', async () => {
		const db = fresh();
		const id = await saveDraft(db, {
			kind: 'k',
			data: PII,
			files: [{ name: 'p.jpg', type: 'image/jpeg', bytes: bytes(10) }]
		});
		const recordId = await finalize(db, id);
		expect(await db.chunks.count()).toBe(1);
		await confirmSent(db, recordId, 42);
		const [row] = await listOutbox(db);
		expect(row).toMatchObject({ id: recordId, state: 'sent', sentAt: 42, blobs: [] });
		expect(row?.sealed).toBeUndefined();
		expect(await db.chunks.count()).toBe(0);
		expect(await pruneSent(db, 1000, 500)).toBe(0); // recent tombstones stay for the list
		expect(await pruneSent(db, 1000, 5000)).toBe(1);
		expect(await listOutbox(db)).toEqual([]);
	});
});

describe('retaken photos', () => {
	it('replaces a named file of a draft in one write and reads it back decrypted', async () => {
		const db = fresh();
		const id = await saveDraft(db, {
			kind: 'card-capture',
			data: { sides: ['id-front'] },
			files: [
				{ name: 'id-front.jpg', type: 'image/jpeg', bytes: bytes(3000, 1) },
				{ name: 'portrait.jpg', type: 'image/jpeg', bytes: bytes(700, 2) }
			]
		});
		await saveDraft(db, {
			id,
			kind: 'card-capture',
			data: { sides: ['id-front'] },
			files: [{ name: 'id-front.jpg', type: 'image/jpeg', bytes: bytes(4000, 3) }],
			replace: ['id-front.jpg']
		});
		const draft = await loadDraft(db, id);
		expect(draft.blobs.map((b) => [b.name, b.bytes])).toEqual([
			['portrait.jpg', 700],
			['id-front.jpg', 4000]
		]);
		expect(await db.chunks.count()).toBe(2); // the old photo's chunks are gone
		const front = await loadDraftFile(db, id, 'id-front.jpg');
		expect(new Uint8Array(await front!.arrayBuffer())).toEqual(bytes(4000, 3));
		expect(await loadDraftFile(db, id, 'bank.jpg')).toBeUndefined();
	});
});

describe('quota exhaustion', () => {
	it('becomes a bilingual quota_exceeded error and leaves queued data intact', async () => {
		const db = fresh();
		const first = await finalize(
			db,
			await saveDraft(db, {
				kind: 'k',
				data: PII,
				files: [{ name: 'a.jpg', type: 'image/jpeg', bytes: bytes(3000) }]
			})
		);
		const before = {
			outbox: await db.outbox.toArray(),
			chunks: await db.chunks.count(),
			drafts: await db.captures.count()
		};
		// The browser refuses the next write the way Chromium does when the origin is over quota.
		const { IDBObjectStore } = await import('fake-indexeddb');
		const put = IDBObjectStore.prototype.put;
		let calls = 0;
		vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
			this: IDBObjectStore,
			...args: Parameters<IDBObjectStore['put']>
		) {
			if (++calls > 1) throw new DOMException('over quota', 'QuotaExceededError');
			return put.apply(this, args);
		});
		const err = await saveDraft(db, {
			kind: 'k',
			data: PII,
			files: [{ name: 'big.webm', type: 'video/webm', bytes: bytes(CHUNK_BYTES * 3) }]
		}).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(StoreError);
		expect(err).toMatchObject({ code: 'quota_exceeded' });
		expect((err as StoreError).zh).toContain('存储空间不足');
		expect((err as StoreError).en).toContain('out of storage');
		vi.restoreAllMocks();
		expect(await db.outbox.toArray()).toEqual(before.outbox);
		expect(await db.chunks.count()).toBe(before.chunks); // no partial chunks left behind
		expect(await db.captures.count()).toBe(before.drafts);
		expect(await loadPayload(db, (await db.outbox.get(first))!)).toEqual(PII);
	});
});

describe('device key on a full disk', () => {
	it('reports quota_exceeded (not "storage unavailable") when the key cannot be stored', async () => {
		const db = fresh();
		vi.spyOn(db.keys, 'add').mockRejectedValue(
			new DOMException('The quota has been exceeded.', 'QuotaExceededError')
		);
		await expect(deviceKey(db)).rejects.toMatchObject({ code: 'quota_exceeded' });
	});
});
