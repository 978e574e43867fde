/** The `liveness_challenges` table: issue, consume once, count failures. */
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { LivenessChallenge } from '../../src/lib/vision/liveness/types.ts';
import type { PiiCipher } from '../security/pii.ts';
import type { Database } from '../storage/schema.ts';
import { MAX_FAILED_ATTEMPTS } from './schemas.ts';

export type ChallengeRow = Database['liveness_challenges'];
export type Outcome = 'passed' | 'failed' | 'rejected' | 'abandoned';

export interface LivenessStatus {
	passed: boolean;
	failures: number;
	maxFailures: number;
	manualReview: boolean;
}

export async function livenessStatus(
	db: Kysely<Database>,
	applicationId: string
): Promise<LivenessStatus> {
	const rows = await db
		.selectFrom('liveness_challenges')
		.select('outcome')
		.where('application_id', '=', applicationId)
		.where('outcome', 'is not', null)
		.execute();
	const failures = rows.filter((r) => r.outcome !== 'passed').length;
	return {
		passed: rows.some((r) => r.outcome === 'passed'),
		failures,
		maxFailures: MAX_FAILED_ATTEMPTS,
		manualReview: failures >= MAX_FAILED_ATTEMPTS
	};
}

export async function countChallenges(db: Kysely<Database>, applicationId: string) {
	const r = await db
		.selectFrom('liveness_challenges')
		.select((eb) => eb.fn.countAll<number | string>().as('n'))
		.where('application_id', '=', applicationId)
		.executeTakeFirstOrThrow();
	return Number(r.n);
}

/** Stores a new challenge; unanswered earlier ones are abandoned (an abandoned attempt is a failure). */
export async function storeChallenge(
	trx: Transaction<Database>,
	applicationId: string,
	c: LivenessChallenge,
	now: Date
): Promise<void> {
	await trx
		.updateTable('liveness_challenges')
		.set({ outcome: 'abandoned', answered_at: now.toISOString() })
		.where('application_id', '=', applicationId)
		.where('answered_at', 'is', null)
		.execute();
	await trx
		.insertInto('liveness_challenges')
		.values({
			nonce: c.nonce,
			application_id: applicationId,
			steps: JSON.stringify(c.steps),
			step_timeout_ms: c.stepTimeoutMs,
			issued_at: c.issuedAt,
			expires_at: c.expiresAt,
			answered_at: null,
			outcome: null,
			reason: null,
			result: null,
			frame_file_id: null,
			clip_file_id: null
		})
		.execute();
}

export async function findChallenge(
	db: Kysely<Database>,
	applicationId: string,
	nonce: string
): Promise<ChallengeRow | undefined> {
	return db
		.selectFrom('liveness_challenges')
		.selectAll()
		.where('nonce', '=', nonce)
		.where('application_id', '=', applicationId)
		.executeTakeFirst();
}

/** Marks the challenge answered; false when it already was (a replay, possibly concurrent). */
export async function consumeChallenge(
	trx: Transaction<Database>,
	nonce: string,
	outcome: Outcome,
	now: Date,
	extra: Partial<ChallengeRow> = {}
): Promise<boolean> {
	const res = await trx
		.updateTable('liveness_challenges')
		.set({ ...extra, outcome, answered_at: now.toISOString() })
		.where('nonce', '=', nonce)
		.where('answered_at', 'is', null)
		.executeTakeFirst();
	return Number(res.numUpdatedRows) === 1;
}

/** Stores one evidence file encrypted in `app_files`; returns its id. */
export async function storeFile(
	trx: Transaction<Database>,
	cipher: PiiCipher,
	applicationId: string,
	kind: 'liveness_frame' | 'liveness_clip',
	bytes: Uint8Array,
	now: Date
): Promise<string> {
	const id = crypto.randomUUID();
	await trx
		.insertInto('app_files')
		.values({
			id,
			application_id: applicationId,
			kind,
			sha256: createHash('sha256').update(bytes).digest('hex'),
			data: cipher.encrypt(bytes),
			created_at: now.toISOString(),
			purged_at: null
		})
		.execute();
	return id;
}
