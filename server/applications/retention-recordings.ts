/**
 * Retention of face video kept in the blob store rather than in `app_files`: the segments of
 * witness-call recordings (`witness_recording_segments`, linked to an application through its
 * booking, or named by the application id itself) and self-service (robot) answers
 * (`robot_answers` → `robot_sessions`). Due when their application is (see `retention.ts`): the
 * blobs are deleted, the rows keep sha256 and size and get `purged_at`. A blob still referenced
 * by a recording that is not due (content addressing can share identical bytes) is kept.
 */
import type { Kysely } from 'kysely';
import type { BlobStore } from '../intake/blob-store.ts';
import type { Database } from '../storage/schema.ts';

interface Row {
	key: string;
	applicationId: string | null;
	due: boolean;
	shas: string[];
}

const shasOf = (json: string): string[] => {
	try {
		return (JSON.parse(json) as { sha256?: unknown }[])
			.map((b) => b.sha256)
			.filter((s): s is string => typeof s === 'string');
	} catch {
		return [];
	}
};

async function rows(
	db: Kysely<Database>,
	isDue: (a: AppDates) => boolean
): Promise<{
	segments: Row[];
	answers: (Row & { questionId: string })[];
}> {
	const segs = await db
		.selectFrom('witness_recording_segments as s')
		.leftJoin('witness_bookings as b', 'b.id', 's.booking_id')
		.leftJoin('applications as a', (j) =>
			j.on((eb) =>
				eb.or([
					eb('a.id', '=', eb.ref('b.application_id')),
					eb('a.id', '=', eb.ref('s.booking_id'))
				])
			)
		)
		.select([
			's.record_id',
			's.blobs',
			's.purged_at',
			'a.id as app',
			'a.decided_at',
			'a.state',
			'a.updated_at'
		])
		.execute();
	const answers = await db
		.selectFrom('robot_answers as r')
		.innerJoin('robot_sessions as rs', 'rs.id', 'r.session_id')
		.leftJoin('applications as a', 'a.id', 'rs.application_id')
		.select([
			'r.session_id',
			'r.question_id',
			'r.blob_sha256',
			'r.purged_at',
			'a.id as app',
			'a.decided_at',
			'a.state',
			'a.updated_at'
		])
		.execute();
	const due = (r: {
		app: string | null;
		purged_at?: string | null | undefined;
		decided_at: string | null;
		state: string | null;
		updated_at: string | null;
	}) =>
		r.app !== null &&
		!r.purged_at &&
		isDue({ decided_at: r.decided_at, state: r.state ?? '', updated_at: r.updated_at ?? '' });
	return {
		segments: segs.map((s) => ({
			key: s.record_id,
			applicationId: s.app,
			due: due(s),
			shas: shasOf(s.blobs)
		})),
		answers: answers.map((r) => ({
			key: r.session_id,
			questionId: r.question_id,
			applicationId: r.app,
			due: due(r),
			shas: [r.blob_sha256]
		}))
	};
}

export interface AppDates {
	decided_at: string | null;
	state: string;
	updated_at: string;
}

/** Deletes due recording blobs; returns the number of rows purged per application. */
export async function purgeRecordingBlobs(
	db: Kysely<Database>,
	blobs: BlobStore,
	isDue: (a: AppDates) => boolean,
	now: Date
): Promise<Map<string, number>> {
	const { segments, answers } = await rows(db, isDue);
	const all: Row[] = [...segments, ...answers];
	const keep = new Set(all.filter((r) => !r.due).flatMap((r) => r.shas));
	const perApp = new Map<string, number>();
	const at = now.toISOString();
	for (const r of segments.filter((s) => s.due)) {
		for (const sha of r.shas) if (!keep.has(sha)) await blobs.remove(sha);
		await db
			.updateTable('witness_recording_segments')
			.set({ purged_at: at })
			.where('record_id', '=', r.key)
			.execute();
		perApp.set(r.applicationId as string, (perApp.get(r.applicationId as string) ?? 0) + 1);
	}
	for (const r of answers.filter((a) => a.due)) {
		for (const sha of r.shas) if (!keep.has(sha)) await blobs.remove(sha);
		await db
			.updateTable('robot_answers')
			.set({ purged_at: at })
			.where('session_id', '=', r.key)
			.where('question_id', '=', r.questionId)
			.execute();
		perApp.set(r.applicationId as string, (perApp.get(r.applicationId as string) ?? 0) + 1);
	}
	return perApp;
}
