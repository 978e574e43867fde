import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/log.ts';
import { FileBlobStore } from '../intake/blob-store.ts';
import type { Storage } from '../storage/index.ts';
import { backends } from '../storage/test-databases.ts';
import { harness, type Harness } from '../testing/harness.ts';

const DAY = 86_400_000;
/** Every kind of face data an application accumulates in `app_files` ([kind, label]). */
const FACE_FILES = [
	['face_image', 'live_photo'],
	['face_image', 'id_portrait'],
	['liveness_frame', null],
	['liveness_clip', null],
	['recording', null],
	['witness_still', null]
] as const;

describe.each(backends())('retention of every kind of face data on $kind', ({ open }) => {
	let storage: Storage;
	let h: Harness;
	let blobs: FileBlobStore;
	let clock = Date.now();
	const dir = mkdtempSync(join(tmpdir(), 'kaihu-retention-'));
	const now = () => new Date(clock).toISOString();

	beforeAll(async () => {
		storage = await open();
		blobs = new FileBlobStore(join(dir, 'blobs'));
		h = await harness(storage, { now: () => new Date(clock), blobs }, 'fd');
	});
	afterAll(async () => {
		await storage.close();
		rmSync(dir, { recursive: true, force: true });
	});

	/** Stores random bytes as a blob (as tus intake would) and returns its sha256. */
	async function blob(): Promise<string> {
		const bytes = randomBytes(2048);
		const sha = createHash('sha256').update(bytes).digest('hex');
		const file = join(dir, sha);
		writeFileSync(file, bytes);
		await blobs.adopt(file, sha);
		return sha;
	}

	async function segment(bookingId: string, shas: string[], segmentNo = 0): Promise<string> {
		const recordingId = crypto.randomUUID();
		await storage.db
			.insertInto('witness_recording_segments')
			.values({
				record_id: crypto.randomUUID(),
				recording_id: recordingId,
				booking_id: bookingId,
				role: 'customer',
				side: 'local',
				segment: segmentNo,
				final: 1,
				mime_type: 'video/webm',
				blobs: JSON.stringify(shas.map((sha256) => ({ sha256, bytes: 2048 }))),
				bytes: 2048 * shas.length,
				verified: 1,
				started_at: now(),
				received_at: now()
			})
			.execute();
		return recordingId;
	}

	it('purges face images, liveness evidence, stills, call recordings and self-service answers after the decision; the decision, form and audit stay', async () => {
		const a = await h.newApplication();
		const submitted = await h.customerCall(
			a.token,
			'POST',
			`/api/applications/${a.id}/submit`,
			h.submission(0),
			{
				'idempotency-key': 'retain-face-1'
			}
		);
		expect(submitted.status).toBe(200);
		await h.drain();
		for (const [kind, label] of FACE_FILES)
			await storage.db
				.insertInto('app_files')
				.values({
					id: crypto.randomUUID(),
					application_id: a.id,
					kind,
					label,
					sha256: 'e'.repeat(64),
					data: h.cipher.encrypt(randomBytes(64)),
					created_at: now(),
					purged_at: null
				})
				.execute();

		// The witness call: a booking with the recording of both devices, and an older recording
		// filed under the application id itself.
		const bookingId = randomBytes(12).toString('hex'); // booking ids are 24 hex digits
		await storage.db
			.insertInto('witness_bookings')
			.values({
				id: bookingId,
				application_id: a.id,
				kind: 'now',
				due_at: now(),
				state: 'done',
				agent_id: h.staff.agent,
				created_at: now(),
				updated_at: now(),
				called_at: now(),
				reminded_at: null,
				no_agent_at: null,
				outcome: 'completed'
			})
			.execute();
		const shared = await blob(); // identical bytes also recorded for another, undecided application
		const callBlobs = [await blob(), await blob(), shared];
		const recording = await segment(bookingId, callBlobs);
		const olderBlob = await blob();
		await segment(a.id, [olderBlob]);
		// A self-service (robot) answer video.
		const sessionId = crypto.randomUUID();
		await storage.db
			.insertInto('robot_sessions')
			.values({
				id: sessionId,
				application_id: a.id,
				upload_key_hash: 'k'.repeat(64),
				script_version: 1,
				questions: '[]',
				state: 'reviewed',
				created_at: now(),
				submitted_at: now(),
				reviewed_at: now(),
				reviewed_by: h.staff.agent,
				outcome: 'accepted'
			})
			.execute();
		const answerBlob = await blob();
		await storage.db
			.insertInto('robot_answers')
			.values({
				session_id: sessionId,
				question_id: 'q1',
				question_index: 0,
				record_id: crypto.randomUUID(),
				blob_sha256: answerBlob,
				bytes: 2048,
				mime_type: 'video/webm',
				duration_ms: 3000,
				received_at: now(),
				mark: 'ok',
				note: null
			})
			.execute();

		// Submitted, awaiting its decision (so not an abandoned draft either): nothing of it is due.
		const other = await h.newApplication();
		const otherSubmitted = await h.customerCall(
			other.token,
			'POST',
			`/api/applications/${other.id}/submit`,
			h.submission(1),
			{ 'idempotency-key': 'retain-face-2' }
		);
		expect(otherSubmitted.status).toBe(200);
		await h.drain();
		await segment(other.id, [shared]);

		const reviewer = await h.login('fdreviewer1');
		const decided = await h.staffCall(
			reviewer,
			'POST',
			`/api/staff/applications/${a.id}/decision`,
			{
				decision: 'reject',
				reason: 'test'
			}
		);
		expect(decided.status).toBe(200);
		const media = () =>
			h.staffCall(reviewer, 'GET', `/api/staff/witness-recordings/${recording}/media`);
		expect((await media()).status).toBe(200);

		let admin = await h.login('fdadmin1');
		const purge = () => h.staffCall(admin, 'POST', '/api/admin/retention/purge', { days: 30 });
		expect(await (await purge()).json()).toEqual({ files: 0, applications: 0 });

		clock += 31 * DAY;
		admin = await h.login('fdadmin1');
		reviewer.cookie = (await h.login('fdreviewer1')).cookie;
		const liveFaceRows = await storage.db
			.selectFrom('app_files')
			.select('id')
			.where('application_id', '=', a.id)
			.where('kind', 'in', [
				'face_image',
				'liveness_frame',
				'liveness_clip',
				'recording',
				'witness_still'
			])
			.execute();
		// Every face file, both call-recording segments and the answer; the undecided application's
		// recording is not due.
		expect(await (await purge()).json()).toEqual({
			files: liveFaceRows.length + 3,
			applications: 1
		});
		expect(await (await purge()).json()).toEqual({ files: 0, applications: 0 });

		const files = await storage.db
			.selectFrom('app_files')
			.selectAll()
			.where('application_id', '=', a.id)
			.execute();
		for (const f of files.filter((f) => f.kind !== 'form_pdf' && f.kind !== 'signature')) {
			expect(f, f.kind).toMatchObject({ data: null, purged_at: expect.any(String) });
			expect(f.sha256).toMatch(/^[0-9a-f]{64}$/); // the hash stays as evidence
		}
		expect(files.filter((f) => f.kind === 'face_image')).toHaveLength(liveFaceRows.length - 4);
		for (const kind of ['form_pdf', 'signature'])
			expect(files.find((f) => f.kind === kind)?.data, kind).toBeTruthy();

		// The blobs of the call recordings and the answer are gone; the shared one stays.
		for (const sha of [...callBlobs.slice(0, 2), olderBlob, answerBlob])
			expect(await blobs.stat(sha)).toBeNull();
		expect(await blobs.stat(shared)).not.toBeNull();
		const segs = await storage.db.selectFrom('witness_recording_segments').selectAll().execute();
		for (const s of segs)
			expect(s.purged_at ?? null, s.booking_id).toEqual(
				s.booking_id === other.id ? null : expect.any(String)
			);
		const answer = await storage.db
			.selectFrom('robot_answers')
			.selectAll()
			.executeTakeFirstOrThrow();
		expect(answer.purged_at).toEqual(expect.any(String));
		expect((await media()).status).toBe(404);

		// The decision and the audit trail remain, and the chain still verifies.
		const app = await storage.db
			.selectFrom('applications')
			.select(['state', 'reason', 'decided_at'])
			.where('id', '=', a.id)
			.executeTakeFirstOrThrow();
		expect(app).toMatchObject({
			state: 'rejected',
			reason: 'test',
			decided_at: expect.any(String)
		});
		const audit = await storage.db
			.selectFrom('audit_log')
			.select(['action', 'detail'])
			.where('subject', '=', a.id)
			.orderBy('seq')
			.execute();
		expect(audit.map((r) => r.action)).toEqual(
			expect.arrayContaining(['application.submit', 'application.decide', 'retention.purge'])
		);
		expect(JSON.parse(audit.find((r) => r.action === 'retention.purge')?.detail ?? '{}')).toEqual({
			days: 30,
			files: liveFaceRows.length + 3
		});
		expect(await verifyAuditChain(storage.db)).toMatchObject({ ok: true });
	});
});
