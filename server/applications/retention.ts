/**
 * Retention: face images, liveness evidence and recordings are purged N days after the decision
 * (approve/reject), or N days after an abandoned draft was last touched,
 * keeping their sha256, the decision and the audit trail. The signed form and signature are kept
 * (they are the contract). Face data lives in two places: encrypted in `app_files` (the kinds
 * below) and as blobs in the blob store (witness-call recordings and self-service answers,
 * `retention-recordings.ts`, purged when a blob store is given).
 */
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/log.ts';
import type { BlobStore } from '../intake/blob-store.ts';
import type { Database } from '../storage/schema.ts';
import { purgeRecordingBlobs, type AppDates } from './retention-recordings.ts';

/** File kinds that hold biometric media. */
export const PURGEABLE_KINDS = [
	'face_image',
	'recording',
	'liveness_frame',
	'liveness_clip',
	// Stills the agent takes of the customer during the witness call.
	'witness_still'
] as const;
export const DEFAULT_RETENTION_DAYS = 90;

/**
 * Purges what is due; `files` counts purged `app_files` rows plus recording segments and answers
 * whose blobs were deleted. Without `blobs` (no blob store configured) only `app_files` is purged.
 */
export async function purgeExpiredMedia(
	db: Kysely<Database>,
	days: number,
	now: Date,
	actor = 'system',
	blobs?: BlobStore
): Promise<{ files: number; applications: number }> {
	const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
	const isDue = (a: AppDates) =>
		(a.decided_at !== null && a.decided_at < cutoff) ||
		(a.state === 'draft' && a.updated_at < cutoff);
	const perApp = blobs
		? await purgeRecordingBlobs(db, blobs, isDue, now)
		: new Map<string, number>();
	const due = await db
		.selectFrom('app_files')
		.innerJoin('applications', 'applications.id', 'app_files.application_id')
		.select(['app_files.id', 'app_files.application_id'])
		.where('app_files.kind', 'in', [...PURGEABLE_KINDS])
		.where('app_files.purged_at', 'is', null)
		.where((eb) =>
			eb.or([
				eb.and([
					eb('applications.decided_at', 'is not', null),
					eb('applications.decided_at', '<', cutoff)
				]),
				// Liveness evidence is taken before submission: an abandoned draft keeps no face data.
				eb.and([eb('applications.state', '=', 'draft'), eb('applications.updated_at', '<', cutoff)])
			])
		)
		.execute();
	if (due.length > 0)
		await db
			.updateTable('app_files')
			.set({ data: null, purged_at: now.toISOString() })
			.where(
				'id',
				'in',
				due.map((d) => d.id)
			)
			.execute();
	for (const d of due) perApp.set(d.application_id, (perApp.get(d.application_id) ?? 0) + 1);
	let files = 0;
	for (const [id, n] of perApp) {
		files += n;
		await appendAudit(db, {
			actor,
			action: 'retention.purge',
			subject: id,
			detail: { days, files: n }
		});
	}
	return { files, applications: perApp.size };
}

/** `KAIHU_RETENTION_DAYS` (default 90). */
export function retentionDays(env: NodeJS.ProcessEnv = process.env): number {
	const days = Number(env.KAIHU_RETENTION_DAYS ?? DEFAULT_RETENTION_DAYS);
	if (!Number.isFinite(days) || days < 0)
		throw new Error('KAIHU_RETENTION_DAYS must be a number ≥ 0');
	return days;
}
