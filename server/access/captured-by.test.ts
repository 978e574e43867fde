/**
 * Branch walk-ins (`kind: 'branch-walk-in'`) carry `capturedBy`, the staff member who captured
 * the customer. Intake accepts one only from that staff member's live session (same origin, a
 * role that may capture); any other claim is refused in the error shape with nothing stored.
 * Records of other kinds (customer devices) need no session.
 */
import { describe, expect, it } from 'vitest';
import { expectRejected } from '../abuse/rejects.ts';
import { abuseSuite } from '../abuse/suite.ts';
import { countRecords } from '../intake/records-store.ts';
import { backends } from '../storage/test-databases.ts';

describe.each(backends())('capturedBy of branch captures on $kind', ({ open }) => {
	const t = abuseSuite(open);

	const walkIn = (capturedBy: unknown, kind = 'branch-walk-in') => {
		const id = crypto.randomUUID();
		return {
			id,
			idempotencyKey: `walk-in-${id}`,
			kind,
			payload: {
				name: '张三',
				idNumber: '11010519491231002X',
				phone: '',
				capturedBy,
				startedAt: 1
			},
			blobs: []
		};
	};
	const post =
		(body: unknown, headers: Record<string, string> = {}) =>
		() =>
			t.h.app.request('http://127.0.0.1:8080/api/records', {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...headers },
				body: JSON.stringify(body)
			});

	it('accepts a walk-in captured by the signed-in agent (or admin)', async () => {
		for (const role of ['agent', 'admin'] as const) {
			const rec = walkIn({ staffId: t.h.staff[role], username: `${role}1` });
			const res = await post(rec, {
				cookie: t.sessions[role].cookie,
				origin: 'http://127.0.0.1:8080'
			})();
			expect(res.status, role).toBe(201);
			expect(await countRecords(t.storage.db, rec.id)).toBe(1);
		}
	});

	it('refuses a walk-in claiming another staff member, or none, and stores nothing', async () => {
		const agent = { cookie: t.sessions.agent.cookie };
		const cases: [string, unknown, number][] = [
			['the reviewer’s id', { staffId: t.h.staff.reviewer, username: 'agent1' }, 403],
			['the admin’s id', { staffId: t.h.staff.admin, username: 'admin1' }, 403],
			['an unknown id', { staffId: crypto.randomUUID(), username: 'agent1' }, 403],
			['no capturedBy', undefined, 403],
			['a string', t.h.staff.agent, 403],
			['an id of another type', { staffId: [t.h.staff.agent] }, 403]
		];
		for (const [label, claim, status] of cases) {
			const error = await expectRejected(t, post(walkIn(claim), agent), status, label);
			expect(error.code).toBe('forbidden');
		}
	});

	it('refuses without a live session, from a cross-site page, or from a role that may not capture', async () => {
		const claim = { staffId: t.h.staff.agent, username: 'agent1' };
		await expectRejected(t, post(walkIn(claim)), 401, 'no session');
		await expectRejected(
			t,
			post(walkIn(claim), { cookie: 'kaihu_session=ks_forged' }),
			401,
			'forged session'
		);
		await expectRejected(
			t,
			post(walkIn(claim), { cookie: t.sessions.agent.cookie, origin: 'https://evil.example' }),
			403,
			'cross-site'
		);
		const reviewer = { staffId: t.h.staff.reviewer, username: 'reviewer1' };
		await expectRejected(
			t,
			post(walkIn(reviewer), { cookie: t.sessions.reviewer.cookie }),
			403,
			'reviewer'
		);
		// A customer's capability token is not a staff session.
		await expectRejected(
			t,
			post(walkIn(claim), { authorization: `Bearer ${t.apps[0]!.token}` }),
			401,
			'customer token'
		);
	});

	it('records of other kinds still need no session', async () => {
		const rec = walkIn({ staffId: 'whoever' }, 'robot-answer');
		expect((await post(rec)()).status).toBe(201);
	});
});
