import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStaff } from '../auth/staff.ts';
import { backends } from '../storage/test-databases.ts';
import { changedBetween, snapshotState } from './snapshot.ts';

describe.each(backends())('state snapshots on $kind', ({ open }) => {
	it('see an insert, an update in place, a delete and a new or grown file', async () => {
		const storage = await open();
		const dir = mkdtempSync(join(tmpdir(), 'kaihu-snap-'));
		try {
			const staff = await createStaff(
				storage.db,
				{ username: 'snap1', role: 'agent', password: 'correct-horse-battery' },
				new Date()
			);
			const a = await snapshotState(storage, dir);
			expect(changedBetween(a, await snapshotState(storage, dir))).toEqual([]);
			await storage.db
				.updateTable('staff')
				.set({ disabled: 1 })
				.where('id', '=', staff.id)
				.execute();
			const b = await snapshotState(storage, dir);
			expect(changedBetween(a, b)).toEqual(['staff']);
			await createStaff(
				storage.db,
				{ username: 'snap2', role: 'agent', password: 'correct-horse-battery' },
				new Date()
			);
			await storage.db.deleteFrom('staff').where('id', '=', staff.id).execute();
			writeFileSync(join(dir, 'x'), 'a');
			const c = await snapshotState(storage, dir);
			expect(changedBetween(b, c)).toEqual(['staff', 'file:x']);
			writeFileSync(join(dir, 'x'), 'ab');
			expect(changedBetween(c, await snapshotState(storage, dir))).toEqual(['file:x']);
		} finally {
			await storage.close();
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
