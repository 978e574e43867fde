import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onError } from '../http/errors.ts';
import { generateKey, parseKey, PiiCipher } from '../security/pii.ts';
import type { Storage } from '../storage/index.ts';
import { backends } from '../storage/test-databases.ts';
import { FileBlobStore } from './blob-store.ts';
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
});
