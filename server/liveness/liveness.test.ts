import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLivenessEngine } from '../../src/lib/vision/liveness/engine.ts';
import { deriveChallenge } from '../../src/lib/vision/liveness/challenge.ts';
import { toLivenessResult } from '../../src/lib/vision/liveness/result.ts';
import type { LivenessChallenge, LivenessResult } from '../../src/lib/vision/liveness/types.ts';
import { synthMeasurements } from '../../tests/fixtures/faces/actor/measurements.ts';
import { voiceField } from '../../tests/fixtures/speech/voice.ts';
import { cooperativeScript } from '../../tests/fixtures/faces/actor/script.ts';
import type { Storage } from '../storage/index.ts';
import { backends } from '../storage/test-databases.ts';
import { harness, type Harness } from '../testing/harness.ts';

/** A whole (tiny) JPEG: the server refuses truncated or malformed frames. */
const JPEG = Buffer.from(
	jpeg.encode({ width: 32, height: 24, data: Buffer.alloc(32 * 24 * 4, 7) }, 80).data
);
const WEBM = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(5000, 3)]);

/** What an honest client's engine reports for a cooperative user (or a failing one). */
function honestResult(c: LivenessChallenge, fail = false): LivenessResult {
	const script = cooperativeScript(c);
	if (fail) script.events = []; // just sits there
	const engine = createLivenessEngine(c);
	for (const m of synthMeasurements(script)) engine.feed(m);
	return toLivenessResult(c.nonce, engine.state, engine.firstT!, engine.lastT!);
}

describe.each(backends())('liveness routes on $kind', ({ open }) => {
	let storage: Storage;
	let h: Harness;
	let clock = Date.parse('2026-11-23T22:00:00Z');
	beforeAll(async () => {
		storage = await open();
		h = await harness(storage, { now: () => new Date(clock) });
	});
	afterAll(async () => storage.close());

	type App = { id: string; token: string };
	const challenge = async (a: App, body: unknown = {}) => {
		const res = await h.customerCall(a.token, 'POST', `/api/applications/${a.id}/liveness/challenge`, body);
		return { res, body: (await res.json()) as LivenessChallenge & { failures: number; error?: { code: string; details: { code: string } } } };
	}; // prettier-ignore
	const attempt = (a: App, body: unknown) =>
		h.customerCall(a.token, 'POST', `/api/applications/${a.id}/liveness/attempts`, body);
	/** An honest pass; a read-digits step comes with the customer reading the issued digits. */
	const pass = (c: LivenessChallenge, said = c.steps.find((s) => s.digits)?.digits) => ({
		result: honestResult(c),
		frameJpeg: JPEG.toString('base64'),
		clip: WEBM.toString('base64'),
		...(said ? { voice: voiceField(said) } : {})
	});
	/** A new application and a challenge of it that has a read-digits step. */
	const digitsChallenge = async (): Promise<{ a: App; c: LivenessChallenge; digits: string }> => {
		for (;;) {
			const a = await h.newApplication();
			const c = (await challenge(a)).body;
			const digits = c.steps.find((s) => s.action === 'read-digits')?.digits;
			if (digits) return { a, c, digits };
		}
	};
	const submit = (a: App, nonce: string | undefined, key: string) =>
		h.customerCall(
			a.token,
			'POST',
			`/api/applications/${a.id}/submit`,
			h.submission(1, nonce ? { livenessNonce: nonce } : {}),
			{ 'idempotency-key': key }
		);
	/** Lets the wall clock catch up with an attempt that takes ~12 s of measurement time. */
	const later = () => (clock += 20_000);

	it('issues a challenge: 3 distinct steps, digits, a time limit; longer in large-text mode', async () => {
		const a = await h.newApplication();
		const { res, body } = await challenge(a);
		expect(res.status).toBe(200);
		expect(new Set(body.steps.map((s) => s.action)).size).toBe(3);
		for (const s of body.steps) if (s.action === 'read-digits') expect(s.digits).toMatch(/^\d{4}$/);
		expect(body).toMatchObject({ stepTimeoutMs: 5000, failures: 0, maxFailures: 3 });
		expect(Date.parse(body.expiresAt) - Date.parse(body.issuedAt)).toBe(300_000);
		expect((await challenge(a, { largeText: true })).body.stepTimeoutMs).toBe(8000);
	});

	it('derives the steps, digits and prompt schedule from the nonce it issued', async () => {
		const a = await h.newApplication();
		const { body } = await challenge(a);
		expect(body.promptDelaysMs).toHaveLength(3);
		for (const d of body.promptDelaysMs) expect(d).toBeGreaterThanOrEqual(1000);
		expect(body.startWindowMs).toBe(2000);
		const { steps, promptDelaysMs } = deriveChallenge(body.nonce);
		expect({ steps: body.steps, promptDelaysMs: body.promptDelaysMs }).toEqual({ steps, promptDelaysMs });
		expect((await challenge(a, { largeText: true })).body.startWindowMs).toBe(3200);
	});

	it('refuses a pass timed on a schedule of the client\'s own choosing', async () => {
		const a = await h.newApplication();
		const { body: c } = await challenge(a);
		later();
		// The client engine prompts whenever it likes (here: 1 s into every step) and the actor fits.
		const own = { ...c, promptDelaysMs: c.promptDelaysMs.map((d) => (d === 1000 ? 2000 : 1000)) };
		const result = honestResult(own);
		expect(result.passed).toBe(true);
		const res = await attempt(a, { result, frameJpeg: JPEG.toString('base64') });
		expect(res.status).toBe(400);
		const body = (await res.json()) as { error: { details: { path: string }[] } };
		expect(body.error.details.map((d) => d.path)).toContain('steps.0.promptedAt');
	});

	it('accepts a pass with its evidence once, stores it encrypted, and lets the submission through', async () => {
		const a = await h.newApplication();
		const { body: c } = await challenge(a);
		// Submitting before passing is refused.
		expect((await submit(a, c.nonce, 'lv-early-1')).status).toBe(400);
		later();
		const res = await attempt(a, pass(c));
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({
			outcome: 'passed',
			passed: true,
			failures: 0,
			maxFailures: 3,
			manualReview: false
		});
		// A replay of the same answer is refused, and is not a second pass.
		const replay = await attempt(a, pass(c));
		expect(replay.status).toBe(409);

		const files = await storage.db
			.selectFrom('app_files')
			.selectAll()
			.where('application_id', '=', a.id)
			.execute();
		expect(files.map((f) => f.kind).sort()).toEqual(['liveness_clip', 'liveness_frame']);
		for (const f of files) expect(f.data).not.toContain(JPEG.toString('base64').slice(0, 12));

		const agent = await h.login('agent1');
		const list = (await (
			await h.staffCall(agent, 'GET', `/api/staff/applications/${a.id}/liveness`)
		).json()) as { attempts: { outcome: string; frame: boolean; clip: boolean; result: LivenessResult }[] };
		expect(list.attempts).toHaveLength(1);
		expect(list.attempts[0]).toMatchObject({ outcome: 'passed', frame: true, clip: true });
		expect(list.attempts[0]!.result.steps.map((s) => s.action)).toEqual(c.steps.map((s) => s.action));
		const frame = await h.staffCall(agent, 'GET', `/api/staff/applications/${a.id}/liveness/${c.nonce}/frame`);
		expect(frame.headers.get('content-type')).toBe('image/jpeg');
		expect(Buffer.from(await frame.arrayBuffer()).equals(JPEG)).toBe(true);
		const clip = await h.staffCall(agent, 'GET', `/api/staff/applications/${a.id}/liveness/${c.nonce}/clip`);
		expect(clip.headers.get('content-type')).toBe('video/webm');

		const ok = await submit(a, c.nonce, 'lv-ok-0001');
		expect(ok.status).toBe(200);
		expect(await ok.json()).toMatchObject({ state: 'submitted' });
		expect(await h.settle(a.id)).toMatchObject({ state: 'witness_pending' });
		expect((await challenge(a)).res.status).toBe(409);
	});

	it('refuses forged and foreign nonces without counting them', async () => {
		const a = await h.newApplication();
		const b = await h.newApplication();
		const { body: cb } = await challenge(b);
		await challenge(a);
		later();
		const foreign = await attempt(a, pass(cb));
		expect(foreign.status).toBe(400);
		const forged = pass(cb);
		forged.result.nonce = 'F'.repeat(32);
		expect((await attempt(a, forged)).status).toBe(400);
		const status = await h.customerCall(a.token, 'GET', `/api/applications/${a.id}/liveness`);
		expect(await status.json()).toMatchObject({ failures: 0, passed: false });
	});

	it.each<[string, (body: ReturnType<typeof pass>) => void]>([
		['steps in another order', (b) => b.result.steps.reverse()],
		['a pass without the frame', (b) => delete (b as { frameJpeg?: string }).frameJpeg],
		['a step longer than its limit', (b) => (b.result.steps[0]!.endedAt += 9000)],
		['an attempt longer than the time since issue', (b) => (b.result.ms = 60_000)]
	])('re-checks the result: %s is refused and counted as a failure', async (_n, forge) => {
		const a = await h.newApplication();
		const { body: c } = await challenge(a);
		later();
		const body = pass(c);
		forge(body);
		const res = await attempt(a, body);
		expect(res.status).toBe(400);
		expect(await res.json()).toMatchObject({ error: { code: 'validation_failed' } });
		const status = await h.customerCall(a.token, 'GET', `/api/applications/${a.id}/liveness`);
		expect(await status.json()).toMatchObject({ failures: 1, passed: false });
		expect((await attempt(a, pass(c))).status).toBe(409); // the nonce is spent
	});

	it('hears the read-digits recording itself: the issued digits pass, other digits fail with wrong_digits', async () => {
		const right = await digitsChallenge();
		later();
		const ok = await attempt(right.a, pass(right.c));
		expect(ok.status).toBe(200);
		expect(await ok.json()).toMatchObject({ outcome: 'passed', passed: true });

		// A client claiming a pass while the voice read other digits: the server's own hearing wins.
		const wrong = await digitsChallenge();
		const other = [...wrong.digits].map((d) => String((Number(d) + 5) % 10)).join('');
		later();
		const res = await attempt(wrong.a, pass(wrong.c, other));
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ outcome: 'failed', reason: 'wrong_digits', passed: false, failures: 1 }); // prettier-ignore
	});

	it('refuses a malformed recording without spending the challenge, and a read-digits pass without one as implausible', async () => {
		const { a, c } = await digitsChallenge();
		later();
		const { voice, ...silent } = pass(c);
		const garbage = { ...silent, voice: { wav: Buffer.from('RIFF....WAVEjunk').toString('base64'), lang: 'en' } }; // prettier-ignore
		const bad = await attempt(a, garbage);
		expect(bad.status).toBe(400);
		expect(JSON.stringify(await bad.json())).toContain('录音格式无效');
		// Mandarin is decoded at 8 kHz: a 16 kHz recording labelled zh is refused, not misheard.
		expect((await attempt(a, { ...silent, voice: { ...voice!, lang: 'zh' } })).status).toBe(400);
		// No recording at all for a claimed pass: refused, and it counts (as any implausible result).
		const none = await attempt(a, silent);
		expect(none.status).toBe(400);
		expect(JSON.stringify(await none.json())).toContain('needs its recording');
		expect((await attempt(a, pass(c))).status).toBe(409);
		expect((await challenge(a)).body.failures).toBe(1);
	});

	it('refuses evidence of the wrong type or size', async () => {
		const a = await h.newApplication();
		const { body: c } = await challenge(a);
		later();
		const png = { ...pass(c), frameJpeg: Buffer.from('\x89PNG\r\n\x1a\n....').toString('base64') };
		expect((await attempt(a, png)).status).toBe(400);
		const big = { ...pass(c), frameJpeg: Buffer.concat([JPEG, Buffer.alloc(200 * 1024)]).toString('base64') };
		expect((await attempt(a, big)).status).toBe(400);
		const text = { ...pass(c), clip: Buffer.from('not a video').toString('base64') };
		expect((await attempt(a, text)).status).toBe(400);
		// None of these spent the challenge.
		expect((await attempt(a, pass(c))).status).toBe(200);
	});

	it('an expired challenge is refused and counts; an unanswered one is abandoned by the next', async () => {
		const a = await h.newApplication();
		const { body: c1 } = await challenge(a);
		const { body: c2 } = await challenge(a);
		expect(c2.failures).toBe(1);
		later();
		expect((await attempt(a, pass(c1))).status).toBe(409);
		clock += 6 * 60_000;
		const expired = await attempt(a, pass(c2));
		expect(expired.status).toBe(409);
		expect(await expired.json()).toMatchObject({ error: { details: { code: 'challenge_expired', failures: 2 } } });
	});

	it('three failed attempts route the application to manual review', async () => {
		const a = await h.newApplication();
		let nonce = '';
		for (let i = 1; i <= 3; i++) {
			const { body: c } = await challenge(a);
			nonce = c.nonce;
			later();
			const res = await attempt(a, { result: honestResult(c, true), frameJpeg: JPEG.toString('base64') });
			// Sitting still: the first step never starts (or hears nothing, when it is the digits).
			const reason = c.steps[0]!.action === 'read-digits' ? 'no_voice' : 'late_start';
			expect(await res.json()).toMatchObject({ outcome: 'failed', reason, failures: i, manualReview: i === 3 });
		}
		const refused = await challenge(a);
		expect(refused.res.status).toBe(409);
		expect(refused.body.error?.details.code).toBe('liveness_manual_review');
		const res = await submit(a, nonce, 'lv-manual-1');
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ state: 'submitted' });
		expect(await h.settle(a.id)).toMatchObject({ state: 'manual_review', reason: 'liveness:repeated_failures' });
	});

	it('purges liveness evidence with the other face media, and from abandoned drafts', async () => {
		const decided = await h.newApplication();
		const { body: c } = await challenge(decided);
		later();
		await attempt(decided, pass(c));
		await submit(decided, c.nonce, 'lv-purge-01');
		await h.drain();
		const reviewer = await h.login('reviewer1');
		await h.staffCall(reviewer, 'POST', `/api/staff/applications/${decided.id}/decision`, { decision: 'reject', reason: 'test' });
		const draft = await h.newApplication();
		const { body: d } = await challenge(draft);
		later();
		await attempt(draft, pass(d));
		clock += 31 * 86_400_000;
		const admin = await h.login('admin1');
		const purge = await h.staffCall(admin, 'POST', '/api/admin/retention/purge', { days: 30 });
		expect(purge.status).toBe(200);
		for (const id of [decided.id, draft.id]) {
			const files = await storage.db.selectFrom('app_files').selectAll().where('application_id', '=', id).where('kind', 'in', ['liveness_frame', 'liveness_clip']).execute();
			expect(files).toHaveLength(2);
			for (const f of files) expect(f).toMatchObject({ data: null, purged_at: expect.any(String) });
		}
		const agent = await h.login('agent1');
		const gone = await h.staffCall(agent, 'GET', `/api/staff/applications/${draft.id}/liveness/${d.nonce}/frame`);
		expect(gone.status).toBe(404);
	});
}); // prettier-ignore
