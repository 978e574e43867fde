import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SyncBarrier, walBarrier } from './durability.ts';
import { openStorage } from './index.ts';

/** A sync whose runs the test finishes by hand. */
function manualSync() {
	const runs: { done: () => void; fail: (e: Error) => void }[] = [];
	const sync = () =>
		new Promise<void>((resolve, reject) => runs.push({ done: resolve, fail: reject }));
	return { runs, sync };
}

const tick = () => new Promise((r) => setImmediate(r));

const settled = async (p: Promise<unknown>) => {
	let state = 'pending';
	p.then(
		() => (state = 'resolved'),
		() => (state = 'rejected')
	);
	await tick();
	return state;
};

describe('SyncBarrier', () => {
	it('callers at the same moment share one sync', async () => {
		const { runs, sync } = manualSync();
		const b = new SyncBarrier(sync);
		const all = Promise.all([b.durable(), b.durable(), b.durable()]);
		await tick();
		expect(runs).toHaveLength(1);
		runs[0]!.done();
		await all;
		expect(runs).toHaveLength(1);
	});

	it('a caller during a running sync waits for the next one (its commit may be after the first began)', async () => {
		const { runs, sync } = manualSync();
		const b = new SyncBarrier(sync);
		const first = b.durable();
		await tick();
		expect(runs).toHaveLength(1);
		const late = [b.durable(), b.durable()];
		await tick();
		// Not before the running one has ended.
		expect(runs).toHaveLength(1);
		runs[0]!.done();
		await first;
		expect(await settled(late[0]!)).toBe('pending');
		expect(runs).toHaveLength(2);
		runs[1]!.done();
		await Promise.all(late);
		expect(runs).toHaveLength(2);
	});

	it('a failed sync fails its callers; the next call syncs again', async () => {
		const { runs, sync } = manualSync();
		const b = new SyncBarrier(sync);
		const first = b.durable();
		await tick();
		runs[0]!.fail(new Error('EIO'));
		await expect(first).rejects.toThrow('EIO');
		const again = b.durable();
		await tick();
		expect(runs).toHaveLength(2);
		runs[1]!.done();
		await again;
	});
});

describe('the WAL barrier of an SQLite file', () => {
	it('syncs the WAL of a database written to; no WAL file means nothing to sync', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'kaihu-wal-'));
		try {
			const missing = walBarrier(join(dir, 'none.sqlite'));
			await missing.barrier.durable();
			await missing.close();
			const storage = await openStorage({ dataDir: dir });
			await storage.db
				.insertInto('server_meta')
				.values({ key: 'k', value: 'v', updated_at: new Date().toISOString() })
				.execute();
			await Promise.all([storage.durable(), storage.durable()]);
			await storage.close();
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
