import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROBOT_QUESTIONS } from '../../src/lib/witness/robot/script.ts';
import { createApp } from '../app.ts';
import { fileIntake, type Intake } from '../intake/index.ts';
import type { Storage } from '../storage/index.ts';
import { backends } from '../storage/test-databases.ts';
import { harness, type Harness, type Session } from '../testing/harness.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe.each(backends())('robot witness on $kind', ({ open }) => {
	let storage: Storage;
	let h: Harness;
	let app: Hono;
	let intake: Intake;
	let dir: string;
	let agent: Session;
	let reviewer: Session;

	beforeAll(async () => {
		storage = await open();
		h = await harness(storage);
		dir = mkdtempSync(join(tmpdir(), 'kaihu-robot-'));
		intake = fileIntake(dir);
		// Same database as the harness (so its staff sessions work), plus intake for records/blobs.
		app = createApp({ storage, version: 'test', intake, core: { cipher: h.cipher } });
		agent = await h.login('agent1');
		reviewer = await h.login('reviewer1');
	});
	afterAll(async () => {
		await storage.close();
		rmSync(dir, { recursive: true, force: true });
	});

	async function pendingApplication(citizen: number) {
		const a = await h.newApplication();
		const res = await h.customerCall(
			a.token,
			'POST',
			`/api/applications/${a.id}/submit`,
			h.submission(citizen),
			{ 'idempotency-key': `robot-${a.id}` }
		);
		expect(await res.json()).toMatchObject({ state: 'submitted' });
		expect(await h.settle(a.id)).toMatchObject({ state: 'witness_pending' });
		return a;
	}

	async function start(a: { id: string; token: string }) {
		const res = await h.customerCall(a.token, 'POST', `/api/applications/${a.id}/robot-sessions`);
		expect(res.status).toBe(201);
		return (await res.json()) as { sessionId: string; uploadKey: string; questions: unknown[] };
	}

	async function blob(): Promise<{ sha256: string; bytes: number; data: Buffer }> {
		const data = randomBytes(5000 + Math.floor(Math.random() * 1000));
		const file = join(dir, `b-${randomBytes(4).toString('hex')}`);
		writeFileSync(file, data);
		const sha256 = sha(data);
		await intake.blobs.adopt(file, sha256);
		return { sha256, bytes: data.byteLength, data };
	}

	async function record(kind: string, payload: object, blobs: { sha256: string; bytes: number }[]) {
		const res = await app.request('/api/records', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				id: crypto.randomUUID(),
				idempotencyKey: crypto.randomUUID(),
				kind,
				payload,
				blobs: blobs.map((b) => ({ ...b, type: 'video/webm' }))
			})
		});
		expect(res.status).toBe(201);
	}

	const staff = (s: Session, method: string, path: string, body?: unknown) =>
		app.request(path, {
			method,
			headers: {
				cookie: s.cookie,
				'x-csrf-token': s.csrf,
				...(body === undefined ? {} : { 'content-type': 'application/json' })
			},
			body: body === undefined ? undefined : JSON.stringify(body)
		});

	it('links three answers from the outbox to one session, streams them, and escalates on review', async () => {
		const a = await pendingApplication(0);
		const s = await start(a);
		expect(s.questions).toHaveLength(ROBOT_QUESTIONS.length);
		const key = { sessionId: s.sessionId, uploadKey: s.uploadKey, applicationId: a.id };
		const blobs = [];
		for (const [index, q] of ROBOT_QUESTIONS.entries()) {
			const b = await blob();
			blobs.push(b);
			await record('robot-answer', { ...key, questionId: q.id, index, durationMs: 2000 }, [b]);
		}
		// A forged answer (wrong key) and a replayed question under a new record are not linked.
		const forged = await blob();
		await record(
			'robot-answer',
			{ ...key, uploadKey: 'rk_' + 'x'.repeat(43), questionId: 'purpose', index: 1, durationMs: 1 },
			[forged]
		);
		await record('robot-answer', { ...key, questionId: 'identity', index: 0, durationMs: 1 }, [
			await blob()
		]);
		const status = await h.customerCall(
			a.token,
			'GET',
			`/api/applications/${a.id}/robot-sessions/${s.sessionId}`
		);
		expect(await status.json()).toEqual({
			id: s.sessionId,
			state: 'recording',
			received: ROBOT_QUESTIONS.map((q) => q.id)
		});
		await record('robot-session-end', { ...key, answered: ROBOT_QUESTIONS.map((q) => q.id) }, []);

		const list = await staff(agent, 'GET', '/api/staff/robot-sessions');
		const { sessions } = (await list.json()) as { sessions: { id: string; answers: number }[] };
		expect(sessions.filter((x) => x.id === s.sessionId)).toEqual([
			expect.objectContaining({ applicationId: a.id, state: 'awaiting_review', answers: 3 })
		]);

		const view = (await (
			await staff(agent, 'GET', `/api/staff/robot-sessions/${s.sessionId}`)
		).json()) as { answers: { questionId: string; sha256: string; mediaUrl: string }[] };
		expect(view.answers.map((x) => x.sha256)).toEqual(blobs.map((b) => b.sha256));

		const media = await staff(agent, 'GET', view.answers[1]?.mediaUrl ?? '');
		expect(media.status).toBe(200);
		expect(media.headers.get('content-type')).toBe('video/webm');
		expect(sha(new Uint8Array(await media.arrayBuffer()))).toBe(blobs[1]?.sha256);
		const audited = await storage.db
			.selectFrom('audit_log')
			.select(['action', 'subject'])
			.where('action', '=', 'robot.media')
			.execute();
		expect(audited).toContainEqual({ action: 'robot.media', subject: s.sessionId });

		const marks = ROBOT_QUESTIONS.map((q, i) => ({
			questionId: q.id,
			mark: i === 2 ? ('flag' as const) : ('ok' as const)
		}));
		const refused = await staff(
			reviewer,
			'POST',
			`/api/staff/robot-sessions/${s.sessionId}/review`,
			{
				outcome: 'accepted',
				marks
			}
		);
		expect(refused.status).toBe(400);
		const review = await staff(agent, 'POST', `/api/staff/robot-sessions/${s.sessionId}/review`, {
			outcome: 'manual_review',
			marks,
			reason: 'unclear_answer'
		});
		expect(await review.json()).toMatchObject({
			outcome: 'manual_review',
			applicationState: 'manual_review'
		});
		const again = await staff(agent, 'POST', `/api/staff/robot-sessions/${s.sessionId}/review`, {
			outcome: 'manual_review',
			marks
		});
		expect(again.status).toBe(409);
		const after = await staff(agent, 'GET', '/api/staff/robot-sessions?state=reviewed');
		const reviewed = (await after.json()) as { sessions: { id: string }[] };
		expect(reviewed.sessions.map((x) => x.id)).toContain(s.sessionId);
	});

	it('an accepted review completes the witness', async () => {
		const a = await pendingApplication(1);
		const s = await start(a);
		const key = { sessionId: s.sessionId, uploadKey: s.uploadKey, applicationId: a.id };
		for (const [index, q] of ROBOT_QUESTIONS.entries())
			await record('robot-answer', { ...key, questionId: q.id, index, durationMs: 900 }, [
				await blob()
			]);
		await record('robot-session-end', { ...key, answered: [] }, []);
		const res = await staff(agent, 'POST', `/api/staff/robot-sessions/${s.sessionId}/review`, {
			outcome: 'accepted',
			marks: ROBOT_QUESTIONS.map((q) => ({ questionId: q.id, mark: 'ok' }))
		});
		expect(await res.json()).toMatchObject({ outcome: 'accepted', applicationState: 'witnessed' });
	});

	it('starts only for an application waiting for its witness', async () => {
		const a = await h.newApplication();
		const res = await h.customerCall(a.token, 'POST', `/api/applications/${a.id}/robot-sessions`);
		expect(res.status).toBe(409);
		const other = await pendingApplication(2);
		const s = await start(other);
		// Another application's token cannot read this session.
		const peek = await h.customerCall(
			a.token,
			'GET',
			`/api/applications/${other.id}/robot-sessions/${s.sessionId}`
		);
		expect(peek.status).toBe(403);
	});
});
