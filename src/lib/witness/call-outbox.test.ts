import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { listDrafts } from '$lib/store/captures.ts';
import { openDb } from '$lib/store/db.ts';
import { listOutbox, loadPayload } from '$lib/store/outbox.ts';
import { readBlob } from '$lib/store/recordings.ts';
import { deviceKey } from '$lib/store/crypto.ts';
import {
	CallRecordingSpool,
	recoverCallRecordings,
	SEGMENT_CHUNKS,
	WITNESS_RECORDING_KIND
} from './call-outbox.ts';
import type { RecordingChunk } from './recording.ts';

vi.mock('$lib/store/sync/app.ts', () => ({ recordQueued: async () => undefined }));

const freshDb = () =>
	openDb(`t-${crypto.randomUUID()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
const META = { bookingId: 'b1', role: 'customer' as const, credential: 'cred.mac' };

function chunk(side: 'local' | 'remote', seq: number, final = false): RecordingChunk {
	return {
		side,
		seq,
		blob: new Blob([`${side}-${seq};`]),
		mimeType: 'video/webm;codecs=vp8,opus',
		at: 1000 + seq,
		final
	};
}

describe('CallRecordingSpool', () => {
	it('queues a segment per SEGMENT_CHUNKS chunks per side, in order, and the rest on flush', async () => {
		const db = freshDb();
		let queued = 0;
		const spool = new CallRecordingSpool(META, { db, queued: () => queued++ });
		const n = SEGMENT_CHUNKS + 2;
		for (let i = 0; i < n; i++) spool.add(chunk('local', i, i === n - 1));
		spool.add(chunk('remote', 0));
		spool.add(chunk('local', n, true)); // the side recorded again: a new recording
		await spool.flush();
		expect(spool.stats).toEqual({ queued: 4, failed: 0 });
		expect(queued).toBe(3); // local ended, local ended again, remote on flush
		expect(await listDrafts(db)).toEqual([]);

		const rows = await listOutbox(db);
		const payloads = await Promise.all(rows.map((r) => loadPayload(db, r)));
		const local = payloads.filter(
			(p) => p.side === 'local' && p.recordingId === payloads[0]?.recordingId
		);
		expect(new Set(payloads.filter((p) => p.side === 'local').map((p) => p.recordingId)).size).toBe(
			2
		);
		expect(local.map((p) => [p.segment, p.final])).toEqual([
			[0, false],
			[1, true]
		]);
		expect(new Set(local.map((p) => p.recordingId)).size).toBe(1);
		expect(payloads.find((p) => p.side === 'remote')).toMatchObject({
			bookingId: 'b1',
			role: 'customer',
			segment: 0,
			final: true,
			credential: 'cred.mac'
		});
		expect(rows.every((r) => r.kind === WITNESS_RECORDING_KIND)).toBe(true);
		// The bytes come back in recording order.
		const key = await deviceKey(db);
		const first = rows[payloads.indexOf(local[0] as Record<string, unknown>)];
		const text = await Promise.all(
			(first?.blobs ?? []).map(async (b) => (await readBlob(db, key, b)).text())
		);
		expect(text.join('')).toBe(
			Array.from({ length: SEGMENT_CHUNKS }, (_, i) => `local-${i};`).join('')
		);
	});

	it('keeps segments out of the outbox during the call; recovers what a crashed page left', async () => {
		const db = freshDb();
		const spool = new CallRecordingSpool(META, { db, queued: () => undefined });
		for (let i = 0; i <= SEGMENT_CHUNKS; i++) spool.add(chunk('local', i));
		// The page dies here: no final chunk, no flush.
		await vi.waitFor(async () => {
			const drafts = await listDrafts(db);
			expect(drafts.map((d) => d.blobs.length).sort()).toEqual([1, SEGMENT_CHUNKS]);
		});
		expect(await listOutbox(db)).toEqual([]);
		expect(await recoverCallRecordings(db)).toBe(2);
		expect(await listOutbox(db)).toHaveLength(2);
		expect(await listDrafts(db)).toEqual([]);
	});
});
