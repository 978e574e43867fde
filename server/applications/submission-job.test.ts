/**
 * The submission's job (issue #16): the answer comes before the form PDF exists; the drainer
 * renders it, re-checks the face and moves the state; a crashed claim is re-run exactly once;
 * two instances on one database never run a job twice; a job that keeps failing sends the
 * application to manual review with its code; a replayed submission does not queue a second job.
 */
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobDrainer } from '../jobs/drainer.ts';
import { claimJob } from '../jobs/store.ts';
import type { FaceComparator } from '../registry/face.ts';
import type { Storage } from '../storage/index.ts';
import { backends } from '../storage/test-databases.ts';
import { harness, TINY_PNG, type Harness } from '../testing/harness.ts';
import { SUBMISSION_JOB } from './submission-job.ts';

const photo = (() => {
	const p = new PNG({ width: 2, height: 2 });
	p.data.fill(200);
	return PNG.sync.write(p).toString('base64');
})();

/** A comparator that answers 0.9 unless told to fail or to hold its answer until released. */
function controllableFaces() {
	let release: (() => void) | undefined;
	const faces = {
		threshold: 0.6,
		calls: 0,
		failing: false,
		holdNext: false,
		release: () => release?.(),
		async compare() {
			faces.calls++;
			if (faces.failing) throw new Error('onnx session lost');
			if (faces.holdNext) {
				faces.holdNext = false;
				await new Promise<void>((r) => (release = r));
			}
			return { kind: 'score' as const, score: 0.9 };
		}
	} satisfies FaceComparator & Record<string, unknown>;
	return faces;
}

/** A clock the test moves (leases and backoff are judged by it). */
function clock() {
	let t = Date.now();
	return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

describe.each(backends())('submission job on $kind', ({ open, openTwo }) => {
	let storage: Storage;
	let h: Harness;
	const faces = controllableFaces();
	const time = clock();
	beforeAll(async () => {
		storage = await open();
		h = await harness(storage, { faceComparator: faces, now: time.now });
	});
	afterAll(async () => storage.close());

	async function submit(hh: Harness, i: number, key?: string) {
		const a = await hh.newApplication();
		const body = hh.submission(i, { livePhoto: photo, idPortrait: TINY_PNG, faceScore: 0.88 });
		const res = await hh.customerCall(a.token, 'POST', `/api/applications/${a.id}/submit`, body, {
			'idempotency-key': key ?? `job-${a.id}`
		});
		return { a, res, body };
	}
	const row = (db: Storage, id: string) =>
		db.db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
	const pdfs = (db: Storage, id: string) =>
		db.db
			.selectFrom('app_files')
			.selectAll()
			.where('application_id', '=', id)
			.where('kind', '=', 'form_pdf')
			.execute();
	const jobsOf = (db: Storage, id: string) =>
		db.db.selectFrom('jobs').selectAll().where('application_id', '=', id).execute();
	const audits = (db: Storage, id: string, action: string) =>
		db.db
			.selectFrom('audit_log')
			.select('detail')
			.where('subject', '=', id)
			.where('action', '=', action)
			.execute();

	it('answers `submitted` before the PDF exists; the drainer renders it, checks the face and moves on', async () => {
		const { a, res } = await submit(h, 0);
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({
			id: a.id,
			state: 'submitted',
			registry: 'same_person',
			risk: 'low'
		});
		expect(await row(storage, a.id)).toMatchObject({ state: 'submitted', form_sha256: null });
		expect(await pdfs(storage, a.id)).toHaveLength(0);
		expect(await jobsOf(storage, a.id)).toMatchObject([{ kind: SUBMISSION_JOB, state: 'queued' }]);
		// The customer sees "being checked" meanwhile.
		const status = await h.customerCall(a.token, 'GET', `/api/applications/${a.id}`);
		expect(await status.json()).toMatchObject({ state: 'submitted' });

		expect(await h.drain()).toBe(1);
		const after = await row(storage, a.id);
		expect(after).toMatchObject({ state: 'witness_pending', face_score: 0.9 });
		const [file] = await pdfs(storage, a.id);
		expect(file?.sha256).toBe(after.form_sha256);
		const pdf = await PDFDocument.load(h.cipher.decryptBytes(file!.data!));
		expect(pdf.getTitle()).toBe(`Kaihu account application ${a.id}`);
		expect(await jobsOf(storage, a.id)).toMatchObject([{ state: 'done', attempts: 1 }]);
		expect(await h.drain()).toBe(0);
	});

	it('a replayed submission answers the first result and queues no second job', async () => {
		const { a, body } = await submit(h, 1, 'replay-key-0001');
		const again = await h.customerCall(a.token, 'POST', `/api/applications/${a.id}/submit`, body, {
			'idempotency-key': 'replay-key-0001'
		});
		expect(await again.json()).toMatchObject({ state: 'submitted' });
		const other = await h.customerCall(a.token, 'POST', `/api/applications/${a.id}/submit`, body, {
			'idempotency-key': 'replay-key-0002'
		});
		expect(other.status).toBe(409);
		expect(await jobsOf(storage, a.id)).toHaveLength(1);
		expect(await h.drain()).toBe(1);
		expect(await pdfs(storage, a.id)).toHaveLength(1);
	});

	it('a claim that crashed mid-job is taken over after its lease and runs exactly once', async () => {
		const { a } = await submit(h, 2);
		// Instance A claims the job and hangs in the face check (a crash, as far as anyone can tell).
		faces.holdNext = true;
		const stalled = new JobDrainer(storage, { owner: 'crashed', now: time.now, leaseMs: 60_000 });
		stalled.register(SUBMISSION_JOB, h.jobs.handler(SUBMISSION_JOB)!);
		const first = stalled.drain();
		while (faces.calls === 0) await new Promise((r) => setTimeout(r, 5));
		expect(await h.drain()).toBe(0); // the lease still holds
		time.advance(61_000);
		expect(await h.drain()).toBe(1); // taken over: run once, to the end
		expect(await row(storage, a.id)).toMatchObject({ state: 'witness_pending' });
		// The stalled instance comes back: its late result changes nothing.
		faces.release();
		expect(await first).toBe(1);
		expect(await pdfs(storage, a.id)).toHaveLength(1);
		expect(await audits(storage, a.id, 'application.processed')).toHaveLength(1);
		expect(await jobsOf(storage, a.id)).toMatchObject([{ state: 'done', attempts: 2 }]);
		expect(await h.drain()).toBe(0);
	});

	it('a job that keeps failing is retried with backoff, then ends in manual review with its code', async () => {
		const { a } = await submit(h, 3);
		faces.failing = true;
		try {
			expect(await h.drain()).toBe(1);
			let [job] = await jobsOf(storage, a.id);
			expect(job).toMatchObject({ state: 'queued', attempts: 1, last_error: 'face_check_failed' });
			expect(Date.parse(job!.run_after) - time.now().getTime()).toBe(1000);
			expect(await h.drain()).toBe(0); // not before its backoff
			for (let attempt = 2; attempt <= 5; attempt++) {
				time.advance(10 * 60_000);
				expect(await h.drain()).toBe(1);
			}
			[job] = await jobsOf(storage, a.id);
			expect(job).toMatchObject({ state: 'failed', attempts: 5, last_error: 'face_check_failed' });
			expect(await row(storage, a.id)).toMatchObject({
				state: 'manual_review',
				reason: 'processing:face_check_failed'
			});
			expect(await audits(storage, a.id, 'application.processing_failed')).toHaveLength(1);
			const status = await h.customerCall(a.token, 'GET', `/api/applications/${a.id}`);
			expect(await status.json()).toMatchObject({
				state: 'manual_review',
				reason: 'processing:face_check_failed'
			});
			time.advance(3600_000);
			expect(await h.drain()).toBe(0);
		} finally {
			faces.failing = false;
		}
	});

	it('a job whose every claim crashes ends in manual review (lease_expired), never lost', async () => {
		const { a } = await submit(h, 4);
		for (let i = 0; i < 5; i++) {
			expect(
				await claimJob(storage, [SUBMISSION_JOB], `crash-${i}`, time.now(), 1000)
			).toBeTruthy();
			time.advance(2000);
		}
		expect(await h.drain()).toBe(1);
		expect(await row(storage, a.id)).toMatchObject({
			state: 'manual_review',
			reason: 'processing:lease_expired'
		});
		expect(await jobsOf(storage, a.id)).toMatchObject([{ state: 'failed', attempts: 6 }]);
	});

	it('two drainers (two instances on PostgreSQL) drain one queue without running any job twice', async () => {
		// SQLite: two drainers on one handle (one process owns the file); PostgreSQL: two pools.
		const [s1, s2] = openTwo ? await openTwo() : [storage, storage];
		try {
			const one = await harness(s1, { faceComparator: faces }, 'one');
			const two = await harness(s2, { faceComparator: faces, cipher: one.cipher }, 'two');
			const ids: string[] = [];
			for (let i = 0; i < 12; i++) ids.push((await submit(i % 2 ? one : two, i % 8)).a.id);
			const before = faces.calls;
			const [n1, n2] = await Promise.all([
				one.jobs.drain(),
				two.jobs.drain(),
				one.jobs.drain(),
				two.jobs.drain()
			]).then((n) => [n[0]! + n[2]!, n[1]! + n[3]!]);
			expect(n1! + n2!).toBe(12);
			expect(faces.calls - before).toBe(12);
			for (const id of ids) {
				expect(await pdfs(s1, id)).toHaveLength(1);
				expect(await audits(s1, id, 'application.processed')).toHaveLength(1);
				expect((await row(s1, id)).state).toBe('witness_pending');
			}
		} finally {
			if (openTwo) await Promise.all([s1.close(), s2.close()]);
		}
	});
});
