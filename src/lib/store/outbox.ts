import type { BlobRef, KaihuDb, OutboxRow } from './db.ts';
import { deviceKey, sealJson, unsealJson, type Sealed } from './crypto.ts';
import { deleteChunks } from './recordings.ts';

/**
 * The outbox: final records waiting for the server. Owns the `outbox` table. A row's sealed
 * payload and its chunks are deleted only in {@link confirmSent}, after the server confirmed;
 * what stays is a PII-free tombstone (id, kind, state, times, sizes) for the status list.
 */

const aad = (id: string) => `outbox:${id}`;

/** A record sealed in memory, ready for {@link writeRecord}. */
export interface PreparedRecord {
	id: string;
	idempotencyKey: string;
	kind: string;
	createdAt: number;
	sealed: Sealed;
}

/** Seals a final record, giving it its client id and idempotency key (both random UUIDs). */
export async function prepareRecord(
	key: CryptoKey,
	rec: { kind: string; payload: Record<string, unknown> },
	now: number
): Promise<PreparedRecord> {
	const id = crypto.randomUUID();
	return {
		id,
		idempotencyKey: crypto.randomUUID(),
		kind: rec.kind,
		createdAt: now,
		sealed: await sealJson(key, rec.payload, aad(id))
	};
}

/** Adds a prepared record; call inside a transaction that includes `outbox`. */
export async function writeRecord(
	db: KaihuDb,
	rec: PreparedRecord,
	blobs: readonly BlobRef[]
): Promise<void> {
	await db.outbox.add({
		...rec,
		state: 'queued',
		attempts: 0,
		nextAttemptAt: rec.createdAt,
		blobs: blobs.map((b) => ({ ...b, done: false })),
		uploadedBytes: 0,
		totalBytes: blobs.reduce((n, b) => n + b.bytes, 0)
	});
}

/** All outbox rows, oldest first. */
export function listOutbox(db: KaihuDb): Promise<OutboxRow[]> {
	return db.outbox.orderBy('createdAt').toArray();
}

/** Decrypts a queued record's payload. */
export async function loadPayload(db: KaihuDb, row: OutboxRow): Promise<Record<string, unknown>> {
	if (!row.sealed) throw new Error(`outbox ${row.id} has no payload (already sent)`);
	return unsealJson(await deviceKey(db), row.sealed, aad(row.id));
}

/** Updates the sync bookkeeping of a row (state, attempts, progress, upload URLs). */
export async function updateEntry(
	db: KaihuDb,
	id: string,
	change: Partial<
		Pick<
			OutboxRow,
			'state' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'blobs' | 'uploadedBytes'
		>
	>
): Promise<void> {
	await db.outbox.update(id, change);
}

/**
 * The server confirmed the record: delete its payload and files from the device (PII purge),
 * keeping a tombstone. One transaction: a crash leaves either the full row or the tombstone.
 */
export async function confirmSent(db: KaihuDb, id: string, now = Date.now()): Promise<void> {
	await db.transaction('rw', db.outbox, db.chunks, async () => {
		const row = await db.outbox.get(id);
		if (!row) return;
		await deleteChunks(
			db,
			row.blobs.map((b) => b.id)
		);
		await db.outbox.put({
			id: row.id,
			idempotencyKey: row.idempotencyKey,
			kind: row.kind,
			state: 'sent',
			createdAt: row.createdAt,
			attempts: row.attempts,
			nextAttemptAt: 0,
			blobs: [],
			sentAt: now,
			uploadedBytes: row.totalBytes,
			totalBytes: row.totalBytes
		});
	});
}

/** Drops tombstones older than `maxAgeMs` (the status list only needs recent ones). */
export async function pruneSent(db: KaihuDb, maxAgeMs: number, now = Date.now()): Promise<number> {
	return db.outbox
		.where('state')
		.equals('sent')
		.filter((r) => (r.sentAt ?? 0) < now - maxAgeMs)
		.delete();
}
