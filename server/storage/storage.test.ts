import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStorage } from './index.ts';
import { getMeta, instanceId, setMeta } from './meta.ts';
import { backends, freshStorages } from './test-databases.ts';

describe.each(backends())('storage on $kind', ({ kind, open }) => {
	const fresh = freshStorages({ open });

	it('runs migrations on open and reports its engine', async () => {
		const s = await fresh();
		expect(s.kind).toBe(kind);
		expect(await getMeta(s.db, 'missing')).toBeUndefined();
	});

	it('upserts metadata', async () => {
		const s = await fresh();
		await setMeta(s.db, 'k', 'one');
		await setMeta(s.db, 'k', 'two');
		expect(await getMeta(s.db, 'k')).toBe('two');
	});

	it('agrees on one instance id under concurrent first starts', async () => {
		const s = await fresh();
		const ids = await Promise.all(Array.from({ length: 8 }, () => instanceId(s.db)));
		expect(new Set(ids).size).toBe(1);
		expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
	});

	it('rolls back a failed transaction completely', async () => {
		const s = await fresh();
		await expect(
			s.db.transaction().execute(async (trx) => {
				await setMeta(trx, 'half', 'written');
				throw new Error('boom');
			})
		).rejects.toThrow('boom');
		expect(await getMeta(s.db, 'half')).toBeUndefined();
	});
});

describe('embedded SQLite file', () => {
	it('is created under the data dir on first start and survives a restart', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'kaihu-data-'));
		try {
			const first = await openStorage({ dataDir: join(dir, 'data') });
			const id = await instanceId(first.db);
			await first.close();
			const second = await openStorage({ dataDir: join(dir, 'data') });
			expect(await instanceId(second.db)).toBe(id);
			await second.close();
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
