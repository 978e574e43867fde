import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onError } from '../http/errors.ts';
import { generateKey, parseKey, PiiCipher } from '../security/pii.ts';
import type { Storage } from '../storage/index.ts';
import { backends } from '../storage/test-databases.ts';
import { FileBlobStore } from './blob-store.ts';
import { readRecordBlobs } from './record-blobs.ts';
import { storeRecord } from './records-store.ts';
import { mountRecords, REPLAYED_HEADER } from './records.ts';
import {
	legacyRecordHash,
	readRecordPayload,
	recordHash,
	resealLegacyRecords
} from './record-payload.ts';

const NAME = '王秀英';
const ID_NUMBER = '11010119900307451X';

// A device record carrying PII. (Branch walk-ins carry the same and also need the capturing
// staff member's session: server/access/captured-by.test.ts; here only the sealing is under test.)
const walkIn = () => ({
	id: crypto.randomUUID(),
	idempotencyKey: crypto.randomUUID(),
	kind: 'customer-details',
	payload: { name: NAME, idNumber: ID_NUMBER, capturedBy: { username: 'agent' } },
	blobs: []
});

describe.each(backends())('sealed intake records on $kind', ({ open }) => {
	const cipher = new PiiCipher(parseKey(generateKey(), 'test'));
	let storage: Storage;
	const app = new Hono();

	beforeAll(async () => {
		storage = await open();
		// Records without blobs: the blob store is never touched (the robot and witness suites
		// cover the full app, whose ingests must decrypt with the same cipher).
		mountRecords(app, storage, new FileBlobStore('/nonexistent'), cipher);
		app.onError(onError);
	});
	afterAll(async () => {
		await storage.close();
	});

	const post = (body: unknown) =>
		app.request('/api/records', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body)
		});
	const raw = (id: string) =>
		storage.db
			.selectFrom('intake_records')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirstOrThrow();

	it('stores no name or ID number in clear; replays and conflicts still work', async () => {
		const r = walkIn();
		const first = await post(r);
		expect(first.status).toBe(201);
		const receipt: unknown = await first.json();

		const row = await raw(r.id);
		for (const column of [row.payload, row.payload_hash]) {
			expect(column).not.toContain(NAME);
			expect(column).not.toContain(ID_NUMBER);
		}
		expect(row.payload).toMatch(/^v1\./);
		// The fingerprint is keyed: a dump cannot be brute-forced against a plain sha256.
		expect(row.payload_hash).not.toBe(legacyRecordHash(r));
		expect(readRecordPayload(cipher, row)).toEqual(r.payload);
		expect(() => readRecordPayload(new PiiCipher(parseKey(generateKey(), 'x')), row)).toThrow();

		const replay = await post({ ...r, payload: { ...r.payload } });
		expect(replay.status).toBe(200);
		expect(replay.headers.get(REPLAYED_HEADER)).toBe('true');
		expect(await replay.json()).toEqual(receipt);

		const other = await post({ ...r, payload: { ...r.payload, idNumber: '110101199003070011' } });
		expect(other.status).toBe(409);
		expect(await other.json()).toMatchObject({
			error: { details: { reason: 'idempotency_key_reused' } }
		});
	});

	it('reads rows stored before sealing and seals them at startup', async () => {
		const r = walkIn();
		// A row as the code before sealing wrote it: plain JSON and a plain sha256.
		await storage.db
			.insertInto('intake_records')
			.values({
				id: r.id,
				idempotency_key: r.idempotencyKey,
				payload_hash: legacyRecordHash(r),
				kind: r.kind,
				payload: JSON.stringify(r.payload),
				blobs: JSON.stringify(r.blobs),
				received_at: '2026-01-01T00:00:00.000Z'
			})
			.execute();
		expect(readRecordPayload(cipher, await raw(r.id))).toEqual(r.payload);
		const before = await post(r);
		expect(before.status).toBe(200);
		const receipt: unknown = await before.json();
		expect((await post({ ...r, payload: { name: '李四' } })).status).toBe(409);

		expect(await resealLegacyRecords(storage.db, cipher)).toBe(1);
		expect(await resealLegacyRecords(storage.db, cipher)).toBe(0);
		const row = await raw(r.id);
		expect(row.payload).not.toContain(NAME);
		expect(row.payload).not.toContain(ID_NUMBER);
		expect(row.payload_hash).toBe(recordHash(cipher, r));
		expect(readRecordPayload(cipher, row)).toEqual(r.payload);

		const after = await post(r);
		expect(after.status).toBe(200);
		expect(await after.json()).toEqual(receipt);
		expect((await post({ ...r, payload: { name: '李四' } })).status).toBe(409);
	});

	// The files a record names: their sha256 links a dump to a customer's photo, the display name
	// and size say what was captured.
	const PHOTO_SHA = 'ab'.repeat(32);
	const withPhoto = () => ({
		...walkIn(),
		blobs: [{ sha256: PHOTO_SHA, bytes: 123_456, type: 'image/jpeg', name: 'id-front.jpg' }]
	});

	it('seals the blob list at rest; replays answer the same receipt', async () => {
		const r = withPhoto();
		// Through storeRecord: the route would ask the (absent) blob store whether the file exists.
		const first = await storeRecord(storage.db, cipher, r);
		expect(first.status).toBe('created');
		const row = await raw(r.id);
		expect(row.blobs).toMatch(/^v1\./);
		for (const clear of [PHOTO_SHA, 'id-front.jpg', '123456', 'image/jpeg'])
			expect(row.blobs).not.toContain(clear);
		expect(readRecordBlobs(cipher, row)).toEqual(r.blobs);
		expect(() => readRecordBlobs(new PiiCipher(parseKey(generateKey(), 'x')), row)).toThrow();

		const replay = await storeRecord(storage.db, cipher, { ...r, blobs: [...r.blobs] });
		expect(replay).toEqual({
			status: 'replayed',
			receipt: first.status === 'created' && first.receipt
		});
		expect(replay.status === 'replayed' && replay.receipt.blobs).toEqual([PHOTO_SHA]);
		const other = await storeRecord(storage.db, cipher, {
			...r,
			blobs: [{ ...r.blobs[0]!, bytes: 1 }]
		});
		expect(other).toEqual({ status: 'conflict', reason: 'idempotency_key_reused' });
	});

	it('seals blob lists stored in clear (payload already sealed) at startup', async () => {
		const r = withPhoto();
		expect((await storeRecord(storage.db, cipher, r)).status).toBe('created');
		// As the code before blob sealing wrote it: sealed payload, plain JSON blob list.
		await storage.db
			.updateTable('intake_records')
			.set({ blobs: JSON.stringify(r.blobs) })
			.where('id', '=', r.id)
			.execute();
		expect(readRecordBlobs(cipher, await raw(r.id))).toEqual(r.blobs);
		const before = await storeRecord(storage.db, cipher, r);
		expect(before.status).toBe('replayed');

		expect(await resealLegacyRecords(storage.db, cipher)).toBe(1);
		expect(await resealLegacyRecords(storage.db, cipher)).toBe(0);
		const row = await raw(r.id);
		expect(row.blobs).toMatch(/^v1\./);
		expect(row.blobs).not.toContain(PHOTO_SHA);
		expect(readRecordBlobs(cipher, row)).toEqual(r.blobs);
		expect(readRecordPayload(cipher, row)).toEqual(r.payload);
		expect(await storeRecord(storage.db, cipher, r)).toEqual(before);
	});
});
