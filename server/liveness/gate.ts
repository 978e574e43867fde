/**
 * What submission needs from liveness: the submitted nonce (already checked to be the latest one
 * issued) must belong to a passed challenge — unless the customer failed too often, in which case
 * the application goes to manual review instead of the witness queue.
 */
import type { Kysely } from 'kysely';
import { ApiError } from '../http/errors.ts';
import type { Database } from '../storage/schema.ts';
import { livenessStatus } from './store.ts';

/** Reason stored on the application when liveness failed {@link MAX_FAILED_ATTEMPTS} times. */
export const LIVENESS_ESCALATION = 'liveness:repeated_failures';

/** Returns an escalation reason, `undefined` when liveness does not stand in the way, or throws. */
export async function livenessAtSubmit(
	db: Kysely<Database>,
	applicationId: string,
	nonce: string | undefined
): Promise<string | undefined> {
	const status = await livenessStatus(db, applicationId);
	if (status.manualReview) return LIVENESS_ESCALATION;
	if (nonce === undefined) return undefined;
	const row = await db
		.selectFrom('liveness_challenges')
		.select('outcome')
		.where('nonce', '=', nonce)
		.where('application_id', '=', applicationId)
		.executeTakeFirst();
	// A nonce from the older nonce-only route has no challenge row: nothing more to check.
	if (row && row.outcome !== 'passed')
		throw new ApiError(400, 'validation_failed', 'Liveness check not passed / 活体检测未通过', [
			{ path: 'livenessNonce', message: 'challenge not passed' }
		]);
	return undefined;
}
