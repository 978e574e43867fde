/**
 * Staff routes for witness-call recordings: the recordings of a booking (both parties, both
 * sides, segments and blob sha256 in order) and one recording streamed whole (audited).
 */
import { PassThrough, Readable } from 'node:stream';
import { z } from 'zod';
import { appendAudit } from '../audit/log.ts';
import type { Principal } from '../auth/roles.ts';
import { ApiError } from '../http/errors.ts';
import { defineRoute, type RouteDef } from '../http/route.ts';
import type { BlobStore } from '../intake/blob-store.ts';
import { ingestWitnessRecordings } from './ingest.ts';

const STAFF = ['agent', 'reviewer', 'admin'] as const;
const actor = (p: Principal) => (p.kind === 'staff' ? `staff:${p.staffId}` : 'system');
const parseBlobs = (s: string) => JSON.parse(s) as { sha256: string; bytes: number }[];

const recording = z.object({
	recordingId: z.string(),
	bookingId: z.string(),
	role: z.string(),
	side: z.string(),
	mimeType: z.string(),
	startedAt: z.string(),
	segments: z.number(),
	/** Segments 0…n all present and the last one marked final. */
	complete: z.boolean(),
	/** Every segment carried a valid call credential for this booking and role. */
	verified: z.boolean(),
	bytes: z.number(),
	blobs: z.array(z.object({ sha256: z.string(), bytes: z.number() })),
	mediaUrl: z.string()
});

/** Streams blobs one after another (the segments' chunks form one WebM file in this order). */
function concat(store: BlobStore, shas: readonly string[]): Readable {
	const out = new PassThrough();
	void (async () => {
		for (const sha of shas) {
			const src = await store.read(sha);
			await new Promise<void>((resolve, reject) => {
				src.on('error', reject).on('end', resolve).pipe(out, { end: false });
			});
		}
		out.end();
	})().catch((err: unknown) => out.destroy(err as Error));
	return out;
}

export const witnessRecordingRoutes: RouteDef[] = [
	defineRoute({
		method: 'get',
		path: '/api/staff/witness-recordings',
		operationId: 'listWitnessRecordings',
		summary: "A booking's call recordings (customer's and agent's devices, both sides)",
		access: { kind: 'staff', roles: STAFF },
		query: z.object({ booking: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) }),
		response: z.object({ recordings: z.array(recording) }),
		async handler({ c, deps, query, principal }) {
			const db = deps.storage.db;
			await ingestWitnessRecordings(db, deps.cipher, deps.callAuthority);
			const rows = await db
				.selectFrom('witness_recording_segments')
				.selectAll()
				.where('booking_id', '=', query.booking ?? '')
				.orderBy('recording_id')
				.orderBy('segment')
				.execute();
			const byId = new Map<string, typeof rows>();
			for (const r of rows) byId.set(r.recording_id, [...(byId.get(r.recording_id) ?? []), r]);
			const recordings = [...byId.values()].map((segs) => {
				const first = segs[0] as (typeof segs)[number];
				const blobs = segs.flatMap((s) => parseBlobs(s.blobs));
				return {
					recordingId: first.recording_id,
					bookingId: first.booking_id,
					role: first.role,
					side: first.side,
					mimeType: first.mime_type,
					startedAt: first.started_at,
					segments: segs.length,
					complete:
						segs.every((s, i) => Number(s.segment) === i) && Number(segs.at(-1)?.final) === 1,
					verified: segs.every((s) => Number(s.verified) === 1),
					bytes: segs.reduce((n, s) => n + Number(s.bytes), 0),
					blobs,
					mediaUrl: `/api/staff/witness-recordings/${first.recording_id}/media`
				};
			});
			await appendAudit(db, {
				actor: actor(principal),
				action: 'witness.recordings',
				subject: query.booking ?? '',
				detail: { count: recordings.length }
			});
			return c.json({ recordings });
		}
	}),
	defineRoute({
		method: 'get',
		path: '/api/staff/witness-recordings/:id/media',
		operationId: 'witnessRecordingMedia',
		summary: 'One call recording streamed whole, its segments in order (audited data access)',
		access: { kind: 'staff', roles: STAFF },
		produces: 'video/webm',
		async handler({ c, deps, params, principal }) {
			const db = deps.storage.db;
			const id = params.id ?? '';
			const segs = /^[0-9a-f-]{36}$/.test(id)
				? await db
						.selectFrom('witness_recording_segments')
						.selectAll()
						.where('recording_id', '=', id)
						.orderBy('segment')
						.execute()
				: [];
			const blobs = segs.flatMap((s) => parseBlobs(s.blobs));
			const store = deps.blobs;
			const first = segs[0];
			if (!first || !store) throw new ApiError(404, 'not_found', 'No such recording / 录像不存在');
			for (const b of blobs)
				if (!(await store.stat(b.sha256)))
					throw new ApiError(404, 'not_found', 'Recording incomplete / 录像不完整');
			await appendAudit(db, {
				actor: actor(principal),
				action: 'witness.recording.media',
				subject: first.booking_id,
				detail: { recordingId: id, segments: segs.length }
			});
			const body = Readable.toWeb(
				concat(
					store,
					blobs.map((b) => b.sha256)
				)
			) as ReadableStream;
			return c.body(body, 200, {
				'content-type': first.mime_type,
				'content-length': String(blobs.reduce((n, b) => n + b.bytes, 0)),
				'cache-control': 'private, no-store'
			});
		}
	})
];
