import type { Kysely } from 'kysely';
import type { PiiCipher } from '../security/pii.ts';
import type { Database } from '../storage/index.ts';
import {
	isLegacyPayload,
	legacyRecordHash,
	recordHash,
	sealRecordPayload
} from './record-payload.ts';
import { readRecordBlobs, sealRecordBlobs, type RecordBlob } from './record-blobs.ts';
import { recordInserter } from './record-inserter.ts';

/** A record as a device sends it (validated by `records.ts`). */
export interface IncomingRecord {
	id: string;
	idempotencyKey: string;
	kind: string;
	payload: Record<string, unknown>;
	blobs: RecordBlob[];
}

/** What the server answers for a stored record — the same on the first call and every replay. */
export interface RecordReceipt {
	id: string;
	kind: string;
	receivedAt: string;
	blobs: string[];
}

export type StoreOutcome =
	| { status: 'created'; receipt: RecordReceipt }
	| { status: 'replayed'; receipt: RecordReceipt }
	| { status: 'conflict'; reason: 'idempotency_key_reused' | 'id_reused' };

/**
 * Stores a record once, its payload and blob list sealed with `cipher` (PII at rest, see
 * `record-payload.ts`, `record-blobs.ts`).
 * The insert joins the others of this turn of the event loop in one statement (group commit,
 * `record-inserter.ts`) and resolves once committed.
 * Concurrent and repeated calls agree: the insert is `ON CONFLICT DO NOTHING` and everyone
 * re-reads the winner (unless it won itself), then compares payload fingerprints (an HMAC of the plaintext canonical
 * JSON, so a replay matches although every sealing differs).
 */
export async function storeRecord(
	db: Kysely<Database>,
	cipher: PiiCipher,
	r: IncomingRecord,
	now = new Date()
): Promise<StoreOutcome> {
	const hash = recordHash(cipher, r);
	const receivedAt = now.toISOString();
	const inserted = await recordInserter(db).insert({
		id: r.id,
		idempotency_key: r.idempotencyKey,
		payload_hash: hash,
		kind: r.kind,
		payload: sealRecordPayload(cipher, r.payload),
		blobs: sealRecordBlobs(cipher, r.blobs),
		received_at: receivedAt
	});
	// Inserted: the row is exactly what was just written, so the receipt needs no read back.
	if (inserted)
		return {
			status: 'created',
			receipt: { id: r.id, kind: r.kind, receivedAt, blobs: r.blobs.map((b) => b.sha256) }
		};
	const row = await db
		.selectFrom('intake_records')
		.selectAll()
		.where((eb) => eb.or([eb('idempotency_key', '=', r.idempotencyKey), eb('id', '=', r.id)]))
		.execute();
	const byKey = row.find((x) => x.idempotency_key === r.idempotencyKey);
	if (!byKey) return { status: 'conflict', reason: 'id_reused' };
	// A row stored before sealing (not yet converted) carries the plain sha256.
	const expected = isLegacyPayload(byKey.payload) ? legacyRecordHash(r) : hash;
	if (byKey.payload_hash !== expected || byKey.id !== r.id) {
		return { status: 'conflict', reason: 'idempotency_key_reused' };
	}
	const receipt: RecordReceipt = {
		id: byKey.id,
		kind: byKey.kind,
		receivedAt: byKey.received_at,
		blobs: ((readRecordBlobs(cipher, byKey) ?? []) as RecordBlob[]).map((b) => b.sha256)
	};
	return { status: 'replayed', receipt };
}

/** Number of stored records with this id (0 or 1; used by tests and the chaos bench). */
export async function countRecords(db: Kysely<Database>, id?: string): Promise<number> {
	let q = db.selectFrom('intake_records').select((eb) => eb.fn.countAll<number>().as('n'));
	if (id) q = q.where('id', '=', id);
	const { n } = await q.executeTakeFirstOrThrow();
	return Number(n);
}
