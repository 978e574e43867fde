import { describe, expect, it } from 'vitest';
import { generateKey, parseKey, PiiCipher } from '../security/pii.ts';
import { backends, freshStorages } from '../storage/test-databases.ts';
import { countRecords, storeRecord, type IncomingRecord } from './records-store.ts';

const cipher = new PiiCipher(parseKey(generateKey(), 'test'));

const rec = (over: Partial<IncomingRecord> = {}): IncomingRecord => ({
	id: crypto.randomUUID(),
	idempotencyKey: crypto.randomUUID(),
	kind: 'walk-in',
	payload: { name: '张三', nested: { b: 1, a: [1, 2] } },
	blobs: [{ sha256: 'a'.repeat(64), bytes: 10, type: 'image/jpeg' }],
	...over
});

describe.each(backends())('intake records on $kind', ({ open }) => {
	const fresh = freshStorages({ open });

	it('stores once; a replay returns the first receipt', async () => {
		const { db } = await fresh();
		const r = rec();
		const first = await storeRecord(db, cipher, r, new Date('2026-01-01T00:00:00Z'));
		expect(first).toMatchObject({ status: 'created', receipt: { id: r.id } });
		// Key order in the payload does not matter; the time of the replay does not leak in.
		const replay = await storeRecord(
			db,
			cipher,
			{ ...r, payload: { nested: { a: [1, 2], b: 1 }, name: '张三' } },
			new Date('2027-01-01T00:00:00Z')
		);
		expect(replay.status).toBe('replayed');
		if (first.status !== 'conflict' && replay.status !== 'conflict')
			expect(replay.receipt).toEqual(first.receipt);
		expect(await countRecords(db, r.id)).toBe(1);
	});

	it('a reused key with a different payload, or a reused id, is a conflict', async () => {
		const { db } = await fresh();
		const r = rec();
		await storeRecord(db, cipher, r);
		expect(await storeRecord(db, cipher, { ...r, payload: { name: '李四' } })).toEqual({
			status: 'conflict',
			reason: 'idempotency_key_reused'
		});
		expect(await storeRecord(db, cipher, { ...r, idempotencyKey: crypto.randomUUID() })).toEqual({
			status: 'conflict',
			reason: 'id_reused'
		});
		expect(await countRecords(db)).toBe(1);
	});

	it('concurrent replays of one record store it exactly once', async () => {
		const { db } = await fresh();
		const r = rec();
		const outcomes = await Promise.all(
			Array.from({ length: 12 }, () => storeRecord(db, cipher, r))
		);
		expect(outcomes.filter((o) => o.status === 'created')).toHaveLength(1);
		expect(outcomes.filter((o) => o.status === 'replayed')).toHaveLength(11);
		expect(await countRecords(db, r.id)).toBe(1);
	});
});
