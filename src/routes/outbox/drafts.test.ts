import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { saveDraft } from '$lib/store/captures.ts';
import { openDb, type KaihuDb } from '$lib/store/db.ts';
import { StoreError } from '$lib/store/errors.ts';
import { listOutbox, loadPayload } from '$lib/store/outbox.ts';
import { dropDraft, OUTBOX_FORM_KIND, sendDraft, unsentDrafts } from './drafts.ts';

const opened: KaihuDb[] = [];
function fresh(): KaihuDb {
	const db = openDb('kaihu-test', { indexedDB: new IDBFactory(), IDBKeyRange });
	opened.push(db);
	return db;
}
afterEach(() => {
	for (const db of opened.splice(0)) db.close();
});

const file = (n: number) => ({ name: 'id.jpg', type: 'image/jpeg', bytes: new Uint8Array(n) });

describe('drafts the outbox form left behind', () => {
	it('lists only the form’s drafts, decrypted names, files and sizes; sending queues it once', async () => {
		const db = fresh();
		// What a reload between saveDraft and finalize leaves: a sealed draft, no outbox row.
		const id = await saveDraft(
			db,
			{
				kind: OUTBOX_FORM_KIND,
				data: { name: '王小明', idNumber: '11010519491231002X' },
				files: [file(1500)]
			},
			1000
		);
		await saveDraft(db, { kind: 'branch-walk-in', data: { name: '别人' } }, 2000);
		expect(await unsentDrafts(db)).toEqual([
			{ id, name: '王小明', files: ['id.jpg'], bytes: 1500, updatedAt: 1000 }
		]);

		const recordId = await sendDraft(db, id);
		expect(await unsentDrafts(db)).toEqual([]);
		const rows = await listOutbox(db);
		expect(rows.map((r) => [r.id, r.kind, r.state, r.totalBytes])).toEqual([
			[recordId, OUTBOX_FORM_KIND, 'queued', 1500]
		]);
		expect(await loadPayload(db, rows[0]!)).toEqual({
			name: '王小明',
			idNumber: '11010519491231002X'
		});
		// A second tap (another tab, a double click) queues nothing more.
		await expect(sendDraft(db, id)).rejects.toMatchObject({ code: 'not_found' });
		expect(await listOutbox(db)).toHaveLength(1);
	});

	it('refuses an incomplete draft with a typed error and keeps it; discarding deletes it and its files', async () => {
		const db = fresh();
		const id = await saveDraft(db, {
			kind: OUTBOX_FORM_KIND,
			data: { name: '李四', idNumber: '' },
			files: [file(10)]
		});
		const err = await sendDraft(db, id).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(StoreError);
		expect(err).toMatchObject({ code: 'not_final', zh: expect.stringMatching(/草稿/) });
		expect((await unsentDrafts(db)).map((d) => d.id)).toEqual([id]);
		await dropDraft(db, id);
		expect(await unsentDrafts(db)).toEqual([]);
		expect(await db.chunks.count()).toBe(0);
		expect(await listOutbox(db)).toEqual([]);
	});
});
