import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openStorage } from '../storage/index.ts';
import type { IntakeRecordsTable } from '../storage/schema.ts';
import { backends, freshStorages } from '../storage/test-databases.ts';
import { countRecords } from './records-store.ts';
import { MAX_BATCH, RecordInserter } from './record-inserter.ts';

const row = (over: Partial<IntakeRecordsTable> = {}): IntakeRecordsTable => ({
	id: crypto.randomUUID(),
	idempotency_key: crypto.randomUUID(),
	payload_hash: 'h'.repeat(64),
	kind: 'walk-in',
	payload: 'v1.sealed',
	blobs: '[]',
	received_at: new Date().toISOString(),
	...over
});

describe.each(backends())('group commit of intake records on $kind', ({ open }) => {
	const fresh = freshStorages({ open });

	it('inserts of one turn go to the database as one statement, all committed', async () => {
		const { db } = await fresh();
		const spy = vi.spyOn(db, 'executeQuery');
		const inserter = new RecordInserter(db);
		const rows = Array.from({ length: 10 }, () => row());
		expect(await Promise.all(rows.map((r) => inserter.insert(r)))).toEqual(rows.map(() => true));
		expect(spy).toHaveBeenCalledTimes(1);
		expect(await countRecords(db)).toBe(10);
	});

	it('builds and compiles the SQL once per batch size, not per request', async () => {
		const { db } = await fresh();
		const spy = vi.spyOn(db, 'insertInto');
		const inserter = new RecordInserter(db);
		for (let i = 0; i < 3; i++) await Promise.all([inserter.insert(row()), inserter.insert(row())]);
		await inserter.insert(row());
		expect(spy).toHaveBeenCalledTimes(2);
		expect(await countRecords(db)).toBe(7);
	});

	it('more than a batch in one turn is split, nothing lost', async () => {
		const { db } = await fresh();
		const inserter = new RecordInserter(db);
		const n = MAX_BATCH * 2 + 3;
		const done = await Promise.all(Array.from({ length: n }, () => inserter.insert(row())));
		expect(done.every(Boolean)).toBe(true);
		expect(await countRecords(db)).toBe(n);
	});

	it('within a batch, the first of a taken id or key wins and the others say so', async () => {
		const { db } = await fresh();
		const inserter = new RecordInserter(db);
		const a = row();
		const sameKey = row({ idempotency_key: a.idempotency_key });
		const sameId = row({ id: a.id });
		const other = row();
		const got = await Promise.all([a, a, sameKey, sameId, other].map((r) => inserter.insert(r)));
		expect(got).toEqual([true, false, false, false, true]);
		expect(await countRecords(db)).toBe(2);
		// A row stored before is taken too.
		expect(await inserter.insert(row({ id: other.id }))).toBe(false);
	});

	it('a row the database refuses fails alone; the rest of its batch is stored', async () => {
		const { db } = await fresh();
		const inserter = new RecordInserter(db);
		const good = [row(), row(), row()];
		const bad = row({ kind: null as unknown as string });
		const results = await Promise.allSettled([good[0], bad, good[1], good[2]].map((r) => inserter.insert(r!))); // prettier-ignore
		expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']); // prettier-ignore
		expect(await countRecords(db)).toBe(3);
	});
});

describe('group commit on an SQLite file', () => {
	it('a resolved insert is committed: another connection opened afterwards reads it', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'kaihu-inserter-'));
		try {
			const storage = await openStorage({ dataDir: dir });
			const rows = Array.from({ length: 5 }, () => row());
			const inserter = new RecordInserter(storage.db);
			await Promise.all(rows.map((r) => inserter.insert(r)));
			const other = await openStorage({ dataDir: dir });
			expect(await countRecords(other.db)).toBe(5);
			await other.close();
			await storage.close();
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
