/**
 * Links robot-mode records from the device outbox (`intake_records`, kinds `robot-answer` and
 * `robot-session-end`) to their sessions. Lazy and idempotent: every record is read once
 * (`robot_intake_seen`), answers are unique per (session, question), so concurrent or repeated
 * runs link each answer exactly once on SQLite and PostgreSQL alike.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
	ROBOT_ANSWER_KIND,
	ROBOT_END_KIND,
	type RobotAnswerPayload,
	type RobotEndPayload
} from '../../src/lib/witness/robot/protocol.ts';
import type { RobotQuestion } from '../../src/lib/witness/robot/script.ts';
import { readRecordBlobs } from '../intake/record-blobs.ts';
import { readRecordPayload } from '../intake/record-payload.ts';
import type { PiiCipher } from '../security/pii.ts';
import type { Database } from '../storage/schema.ts';

const keyed = {
	sessionId: z.uuid(),
	uploadKey: z.string().min(20).max(200),
	applicationId: z.uuid()
};
const answerSchema: z.ZodType<RobotAnswerPayload> = z.object({
	...keyed,
	questionId: z.string().min(1).max(64),
	index: z.number().int().min(0).max(50),
	durationMs: z.number().int().min(0).max(600_000)
});
const endSchema: z.ZodType<RobotEndPayload> = z.object({
	...keyed,
	answered: z.array(z.string().max(64)).max(50)
});
const blobsSchema = z.array(z.object({ sha256: z.string(), bytes: z.number(), type: z.string() }));

/** Why a record was (not) linked; stored per record for support. */
export type IngestResult =
	| 'linked'
	| 'duplicate'
	| 'closed'
	| 'invalid'
	| 'unknown_session'
	| 'bad_key'
	| 'unknown_question';

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

function keyMatches(key: string, hash: string): boolean {
	const a = Buffer.from(hashKey(key), 'hex');
	const b = Buffer.from(hash, 'hex');
	return a.length === b.length && timingSafeEqual(a, b);
}

type Row = Pick<Database['intake_records'], 'id' | 'kind' | 'payload' | 'blobs' | 'received_at'>;

/**
 * Reads every robot record not read yet (payloads decrypted with `cipher`); returns how many were
 * read.
 */
export async function ingestRobotRecords(db: Kysely<Database>, cipher: PiiCipher): Promise<number> {
	const rows = await db
		.selectFrom('intake_records')
		.leftJoin('robot_intake_seen', 'robot_intake_seen.record_id', 'intake_records.id')
		.select([
			'intake_records.id',
			'intake_records.kind',
			'intake_records.payload',
			'intake_records.blobs',
			'intake_records.received_at'
		])
		.where('intake_records.kind', 'in', [ROBOT_ANSWER_KIND, ROBOT_END_KIND])
		.where('robot_intake_seen.record_id', 'is', null)
		.orderBy('intake_records.received_at')
		.limit(500)
		.execute();
	for (const row of rows) {
		await db.transaction().execute(async (trx) => {
			const result = await ingestOne(
				trx,
				row,
				readRecordPayload(cipher, row),
				readRecordBlobs(cipher, row)
			);
			await trx
				.insertInto('robot_intake_seen')
				.values({ record_id: row.id, result })
				.onConflict((oc) => oc.column('record_id').doNothing())
				.execute();
		});
	}
	return rows.length;
}

async function ingestOne(
	db: Kysely<Database>,
	row: Row,
	raw: unknown,
	rawBlobs: unknown
): Promise<IngestResult> {
	const base = z.object(keyed).safeParse(raw);
	if (!base.success) return 'invalid';
	const session = await db
		.selectFrom('robot_sessions')
		.selectAll()
		.where('id', '=', base.data.sessionId)
		.executeTakeFirst();
	if (!session || session.application_id !== base.data.applicationId) return 'unknown_session';
	if (!keyMatches(base.data.uploadKey, session.upload_key_hash)) return 'bad_key';
	if (session.state === 'reviewed') return 'closed';

	if (row.kind === ROBOT_END_KIND) {
		if (!endSchema.safeParse(raw).success) return 'invalid';
		await db
			.updateTable('robot_sessions')
			.set({ state: 'awaiting_review', submitted_at: row.received_at })
			.where('id', '=', session.id)
			.where('state', '=', 'recording')
			.execute();
		return 'linked';
	}
	const answer = answerSchema.safeParse(raw);
	const blobs = blobsSchema.safeParse(rawBlobs);
	const blob = blobs.success ? blobs.data[0] : undefined;
	if (!answer.success || !blobs.success || !blob || blobs.data.length !== 1) return 'invalid';
	const questions = JSON.parse(session.questions) as RobotQuestion[];
	const index = questions.findIndex((q) => q.id === answer.data.questionId);
	if (index < 0) return 'unknown_question';
	const inserted = await db
		.insertInto('robot_answers')
		.values({
			session_id: session.id,
			question_id: answer.data.questionId,
			question_index: index,
			record_id: row.id,
			blob_sha256: blob.sha256,
			bytes: blob.bytes,
			mime_type: blob.type.slice(0, 128) || 'application/octet-stream',
			duration_ms: answer.data.durationMs,
			received_at: row.received_at,
			mark: null,
			note: null
		})
		.onConflict((oc) => oc.columns(['session_id', 'question_id']).doNothing())
		.executeTakeFirst();
	return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1 ? 'linked' : 'duplicate';
}
