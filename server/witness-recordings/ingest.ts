/**
 * Links `witness-recording` records from device outboxes (`intake_records`) to their booking:
 * one segment row per record (its blobs in order), `verified` when the call credential the record
 * carries is signed by the signalling authority for that booking and role. Expiry is not checked:
 * the credential proves who recorded, and segments recorded offline arrive long after it expired.
 * Lazy and idempotent like `server/robot/ingest.ts`.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { readRecordBlobs } from '../intake/record-blobs.ts';
import { readRecordPayload } from '../intake/record-payload.ts';
import type { PiiCipher } from '../security/pii.ts';
import type { SignallingAuthority } from '../signalling/authority.ts';
import { witnessPeerId } from '../signalling/authority.ts';
import type { Database } from '../storage/schema.ts';

export const WITNESS_RECORDING_KIND = 'witness-recording';

const payloadSchema = z.object({
	recordingId: z.uuid(),
	bookingId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
	role: z.enum(['customer', 'agent']),
	side: z.enum(['local', 'remote']),
	segment: z.number().int().min(0).max(100_000),
	final: z.boolean(),
	mimeType: z.string().max(128),
	startedAt: z.number().int().nonnegative(),
	credential: z.string().max(512)
});
const blobsSchema = z
	.array(z.object({ sha256: z.string(), bytes: z.number().int().nonnegative() }))
	.min(1);

/** Reads every recording record not read yet (payloads decrypted with `cipher`). */
export async function ingestWitnessRecordings(
	db: Kysely<Database>,
	cipher: PiiCipher,
	authority: SignallingAuthority | undefined
): Promise<number> {
	const rows = await db
		.selectFrom('intake_records')
		.leftJoin('witness_recording_seen', 'witness_recording_seen.record_id', 'intake_records.id')
		.select([
			'intake_records.id',
			'intake_records.payload',
			'intake_records.blobs',
			'intake_records.received_at'
		])
		.where('intake_records.kind', '=', WITNESS_RECORDING_KIND)
		.where('witness_recording_seen.record_id', 'is', null)
		.orderBy('intake_records.received_at')
		.limit(500)
		.execute();
	for (const row of rows) {
		const payload = payloadSchema.safeParse(readRecordPayload(cipher, row));
		const blobs = blobsSchema.safeParse(readRecordBlobs(cipher, row));
		await db.transaction().execute(async (trx) => {
			let result = 'invalid';
			if (payload.success && blobs.success) {
				const p = payload.data;
				// `now: 0`: verify the signature and the booking/role, not the (short) expiry.
				const verified =
					authority?.verify(p.credential, witnessPeerId(p.bookingId, p.role), 0).ok === true;
				const inserted = await trx
					.insertInto('witness_recording_segments')
					.values({
						record_id: row.id,
						recording_id: p.recordingId,
						booking_id: p.bookingId,
						role: p.role,
						side: p.side,
						segment: p.segment,
						final: p.final ? 1 : 0,
						mime_type: p.mimeType.split(';')[0] || 'video/webm',
						blobs: JSON.stringify(blobs.data.map((b) => ({ sha256: b.sha256, bytes: b.bytes }))),
						bytes: blobs.data.reduce((n, b) => n + b.bytes, 0),
						verified: verified ? 1 : 0,
						started_at: new Date(p.startedAt).toISOString(),
						received_at: row.received_at
					})
					.onConflict((oc) => oc.columns(['recording_id', 'segment']).doNothing())
					.executeTakeFirst();
				result =
					Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1
						? verified
							? 'linked'
							: 'unverified'
						: 'duplicate';
			}
			await trx
				.insertInto('witness_recording_seen')
				.values({ record_id: row.id, result })
				.onConflict((oc) => oc.column('record_id').doNothing())
				.execute();
		});
	}
	return rows.length;
}
