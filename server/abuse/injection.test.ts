/**
 * SQL and HTML injection: every text field of every operation's body, every path parameter and
 * every query parameter gets each injection string. A refusal comes in the one error shape with
 * nothing stored; an acceptance leaves every table in place (no statement ran). Fields that
 * legitimately take free text (address, witness/decision reasons, device record payloads, staff
 * passwords) store the string verbatim, as data, and give it back only inside JSON.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { API_BODY_LIMIT } from '../app.ts';
import { readRecordPayload } from '../intake/record-payload.ts';
import { backends } from '../storage/test-databases.ts';
import { HTML_INJECTION, SQL_INJECTION } from './corpus.ts';
import { fuzzOperations, REJECTION_MAY_CHANGE } from './fuzz.ts';
import type { Operation } from './operations.ts';
import { Prng } from './prng.ts';
import { changedBetween, snapshotState, type StateSnapshot } from './snapshot.ts';
import { abuseSuite } from './suite.ts';
import { setPath, stringPaths, validish, type JsonSchema } from './values.ts';

/** Per field: a statement-terminating, a UNION and a markup injection (free-text fields get more of the corpus). */
const INJECTIONS = [SQL_INJECTION[1], SQL_INJECTION[4], HTML_INJECTION[1]];

/** Row counts per table: an executed DROP/DELETE/INSERT would show here. */
const counts = (s: StateSnapshot) =>
	Object.fromEntries(Object.entries(s.tables).map(([t, v]) => [t, Number(v.split(':')[0])]));

describe.each(backends())('injection strings on $kind', ({ open }) => {
	const t = abuseSuite(open);
	let ops: Operation[];
	beforeAll(async () => {
		ops = await fuzzOperations(t);
	});

	function headersFor(op: Operation, appToken: string): Record<string, string> {
		const h: Record<string, string> = {
			'content-type': 'application/json',
			'idempotency-key': `inj-${crypto.randomUUID()}`
		};
		if (op.access.kind === 'customer') h.authorization = `Bearer ${appToken}`;
		if (op.access.kind === 'staff') {
			const s = t.sessions[op.access.roles[0] as 'agent'];
			Object.assign(h, { cookie: s.cookie, 'x-csrf-token': s.csrf });
		}
		return h;
	}

	const heads = new WeakSet<Response>();
	const method = (res: Response) => (heads.has(res) ? 'HEAD' : 'other');

	/** Sends; a refusal must be in the error shape with nothing stored, an acceptance must keep every table. */
	async function probe(label: string, send: () => Response | Promise<Response>): Promise<number> {
		const before = await snapshotState(t.storage, t.dir);
		const res = await send();
		expect(res.status, label).toBeLessThan(500);
		const after = await snapshotState(t.storage, t.dir);
		if (res.status >= 400 && method(res) !== 'HEAD') {
			const body = (await res.json()) as { error?: { code?: unknown } };
			expect(typeof body.error?.code, label).toBe('string');
			const changed = changedBetween(before, after).filter(
				(x) => !REJECTION_MAY_CHANGE.includes(x)
			);
			expect(changed, `${label}: stored on rejection`).toEqual([]);
		} else {
			await res.body?.cancel();
			expect(Object.keys(after.tables), label).toEqual(Object.keys(before.tables));
			for (const [table, n] of Object.entries(counts(before)))
				expect(counts(after)[table], `${label}: rows of ${table}`).toBeGreaterThanOrEqual(n);
		}
		return res.status;
	}

	it('every text field of every operation body', async () => {
		let requests = 0;
		const r = new Prng(7);
		for (const op of ops.filter((o) => o.body && !o.tus)) {
			const schema = op.body as JsonSchema;
			for (const branch of schema.anyOf ?? schema.oneOf ?? [schema]) {
				const base =
					op.operationId === 'submitApplication'
						? t.h.submission(0)
						: op.operationId === 'login'
							? { username: 'agent1', password: 'x' }
							: validish(r, branch, 0, true);
				for (const path of stringPaths(base))
					for (const s of INJECTIONS) {
						// Submissions that pass change the application: each gets a fresh draft.
						const app =
							op.operationId === 'submitApplication' ? await t.h.newApplication() : t.apps[0]!;
						const url = op.path
							.replace(
								'{id}',
								op.path.startsWith('/api/staff/bookings') ? t.ids.bookings[0]! : app.id
							)
							.replace(/\{[a-zA-Z]+\}/g, 'x');
						await probe(`${op.operationId} ${path} ← ${s}`, () =>
							t.h.app.request(url, {
								method: op.method,
								headers: headersFor(op, app.token),
								body: JSON.stringify(setPath(base, path, s))
							})
						);
						requests++;
					}
			}
		}
		expect(requests).toBeGreaterThanOrEqual(100);
	}, 120_000);

	it('every path and query parameter', async () => {
		for (const op of ops.filter((o) => o.pathParams.length || o.query.length))
			for (const s of INJECTIONS) {
				const v = encodeURIComponent(s);
				let url = op.path;
				for (const p of op.pathParams) url = url.replace(`{${p}}`, v);
				if (op.query.length) url += `?${op.query.map((q) => `${q.name}=${v}`).join('&')}`;
				const headers = { ...headersFor(op, t.apps[0]!.token), 'tus-resumable': '1.0.0' };
				await probe(`${op.operationId} ${s}`, async () => {
					const res = await t.h.app.request(url, {
						method: op.method,
						headers,
						body: op.body ? '{}' : undefined
					});
					if (op.method === 'HEAD') heads.add(res);
					return res;
				});
			}
	}, 120_000);

	it('free-text fields store the strings verbatim and give them back only in JSON', async () => {
		const viewer = t.sessions.reviewer;
		for (const s of [...SQL_INJECTION.slice(0, 5), ...HTML_INJECTION.slice(0, 4)]) {
			// The address (submission → staff view and the form PDF).
			const a = await t.h.newApplication();
			const address = `北京市${s}`.slice(0, 120);
			const sub = await t.h.customerCall(
				a.token,
				'POST',
				`/api/applications/${a.id}/submit`,
				t.h.submission(1, { applicant: { ...t.h.submission(1).applicant, address } }),
				{ 'idempotency-key': `inj-${a.id}` }
			);
			expect(sub.status, s).toBe(200);
			await t.h.drain(); // the form PDF is rendered by the submission's job
			const view = await t.h.staffCall(viewer, 'GET', `/api/staff/applications/${a.id}`);
			expect(view.headers.get('content-type')).toMatch(/^application\/json/);
			expect(view.headers.get('x-content-type-options')).toBe('nosniff');
			expect(JSON.stringify(await view.json())).toContain(JSON.stringify(address).slice(1, -1));
			const pdf = await t.h.staffCall(viewer, 'GET', `/api/staff/applications/${a.id}/form.pdf`);
			expect(pdf.status).toBe(200);
			expect(pdf.headers.get('content-type')).toBe('application/pdf');

			// A witness failure reason (agent → the customer's status).
			const witness = await t.h.staffCall(
				t.sessions.agent,
				'POST',
				`/api/staff/applications/${a.id}/witness`,
				{ outcome: 'failed', reason: s }
			);
			expect(witness.status, s).toBe(200);
			const status = (await (
				await t.h.customerCall(a.token, 'GET', `/api/applications/${a.id}`)
			).json()) as { reason: string };
			expect(status.reason).toBe(`witness:${s}`);

			// A device record's payload.
			const id = crypto.randomUUID();
			const rec = await t.h.app.request('/api/records', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					id,
					idempotencyKey: `inj-${id}`,
					kind: 'robot-answer',
					payload: { note: s, [s]: 1 },
					blobs: []
				})
			});
			expect(rec.status, s).toBe(201);
			const row = await t.storage.db
				.selectFrom('intake_records')
				.select('payload')
				.where('id', '=', id)
				.executeTakeFirstOrThrow();
			expect(readRecordPayload(t.h.cipher, row)).toEqual({ note: s, [s]: 1 });

			// A staff password (stored as an argon2id hash; the staff member can log in with it).
			const password = `${s}-long-enough-password`.slice(0, 200);
			const username = `inj${crypto.randomUUID().slice(0, 8)}`;
			const made = await t.h.staffCall(t.sessions.admin, 'POST', '/api/admin/staff', {
				username,
				role: 'agent',
				password
			});
			expect(made.status, s).toBe(201);
			await t.h.login(username, password);
		}
		expect(API_BODY_LIMIT).toBeGreaterThan(0);
	}, 120_000);
});
