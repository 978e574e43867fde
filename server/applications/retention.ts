/**
 * Retention: face images, liveness evidence and recordings are purged N days after the decision
 * (approve/reject), or N days after an abandoned draft was last touched,
 * keeping their sha256, the decision and the audit trail. The signed form and signature are kept
 * (they are the contract).
 */
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/log.ts';
import type { Database } from '../storage/schema.ts';

/** File kinds that hold biometric media. */
export const PURGEABLE_KINDS = [
	'face_image',
	'recording',
	'liveness_frame',
	'liveness_clip'
] as const;
export const DEFAULT_RETENTION_DAYS = 90;

export async function purgeExpiredMedia(
	db: Kysely<Database>,
	days: number,
	now: Date,
	actor = 'system'
): Promise<{ files: number; applications: number }> {
	const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
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
	if (due.length === 0) return { files: 0, applications: 0 };
	await db
		.updateTable('app_files')
		.set({ data: null, purged_at: now.toISOString() })
		.where(
			'id',
			'in',
			due.map((d) => d.id)
		)
		.execute();
	const apps = [...new Set(due.map((d) => d.application_id))];
	for (const id of apps) {
		await appendAudit(db, {
			actor,
			action: 'retention.purge',
			subject: id,
			detail: { days, files: due.filter((d) => d.application_id === id).length }
		});
	}
	return { files: due.length, applications: apps.length };
}

/** `KAIHU_RETENTION_DAYS` (default 90). */
export function retentionDays(env: NodeJS.ProcessEnv = process.env): number {
	const days = Number(env.KAIHU_RETENTION_DAYS ?? DEFAULT_RETENTION_DAYS);
	if (!Number.isFinite(days) || days < 0)
		throw new Error('KAIHU_RETENTION_DAYS must be a number ≥ 0');
	return days;
}
