/**
 * Customer capability tokens: application B's token cannot read or write application A — not on
 * A's paths (every customer route, 403 with nothing stored), and not through B's own path naming
 * A's booking or robot session (404: ids are not to be probed). Tokens count only in the
 * Authorization header, never open staff routes, and stop working once revoked.
 */
import { describe, expect, it } from 'vitest';
import { expectRejected } from '../abuse/rejects.ts';
import { type Target } from '../abuse/target.ts';
import { abuseSuite } from '../abuse/suite.ts';
import { apiRoutes } from '../api.ts';
import type { RouteDef } from '../http/route.ts';
import { backends } from '../storage/test-databases.ts';

/** A plausible body for each customer route (authorisation is decided before the body is read). */
function bodyFor(t: Target, route: RouteDef): unknown {
	switch (route.operationId) {
		case 'submitApplication':
			return t.h.submission(0);
		case 'submitLivenessAttempt':
			return { result: { nonce: 'n'.repeat(24), passed: false, steps: [], ms: 10 } };
		case 'bookWitness':
			return { when: 'now' };
		case 'subscribePush':
			return {
				endpoint: 'https://push.example.invalid/x',
				keys: { p256dh: 'p'.repeat(40), auth: 'a'.repeat(16) }
			};
		default:
			return route.body ? {} : undefined;
	}
}

describe.each(backends())('capability tokens on $kind', ({ open }) => {
	const t = abuseSuite(open);

	const customerRoutes = apiRoutes('test').filter((r) => r.access.kind === 'customer');

	it("B's token cannot use any customer route on A's application (and A's own token can)", async () => {
		expect(customerRoutes.length).toBeGreaterThanOrEqual(14);
		// A awaits its witness with a booking, so every route has something to reach.
		const a = t.apps[5]!;
		const b = t.apps[6]!;
		const bookingOfA = t.ids.bookings[0]!;
		for (const route of customerRoutes) {
			const path = route.path
				.replace(':id', a.id)
				.replace(':booking', bookingOfA)
				.replace(/:[a-zA-Z]+/g, 'x');
			const error = await expectRejected(
				t,
				() =>
					t.h.customerCall(b.token, route.method.toUpperCase(), path, bodyFor(t, route), {
						'idempotency-key': `cap-${crypto.randomUUID()}`
					}),
				403,
				route.operationId
			);
			expect(error.code).toBe('forbidden');
		}
		// Control: each route lets its own application's token past authorisation.
		for (const route of customerRoutes) {
			const own = await t.h.newApplication();
			const path = route.path.replace(':id', own.id).replace(/:[a-zA-Z]+/g, 'x');
			const res = await t.h.customerCall(
				own.token,
				route.method.toUpperCase(),
				path,
				bodyFor(t, route),
				{
					'idempotency-key': `cap-${crypto.randomUUID()}`
				}
			);
			expect([401, 403], route.operationId).not.toContain(res.status);
			expect(res.status).toBeLessThan(500);
		}
	});

	it("B's own path naming A's booking or robot session finds nothing", async () => {
		const a = t.apps[6]!;
		const b = t.apps[7]!;
		const bookingOfA = t.ids.bookings[1]!;
		const started = await t.h.customerCall(
			a.token,
			'POST',
			`/api/applications/${a.id}/robot-sessions`
		);
		expect(started.status).toBeLessThan(300);
		const { sessionId: sessionOfA } = (await started.json()) as { sessionId: string };
		const probes: [string, string][] = [
			['GET', `/api/applications/${b.id}/bookings/${bookingOfA}`],
			['DELETE', `/api/applications/${b.id}/bookings/${bookingOfA}`],
			['POST', `/api/applications/${b.id}/bookings/${bookingOfA}/credential`],
			['GET', `/api/applications/${b.id}/robot-sessions/${sessionOfA}`]
		];
		for (const [method, path] of probes) {
			const error = await expectRejected(
				t,
				() => t.h.customerCall(b.token, method, path),
				404,
				`${method} ${path}`
			);
			expect(error.code).toBe('not_found');
		}
		// A still has its booking and its session.
		expect(
			(await t.h.customerCall(a.token, 'GET', `/api/applications/${a.id}/bookings/${bookingOfA}`))
				.status
		).toBe(200);
		expect(
			(
				await t.h.customerCall(
					a.token,
					'GET',
					`/api/applications/${a.id}/robot-sessions/${sessionOfA}`
				)
			).status
		).toBe(200);
	});

	it('a token opens no staff route and counts only in the Authorization header', async () => {
		const a = t.apps[0]!;
		for (const route of apiRoutes('test').filter((r) => r.access.kind === 'staff')) {
			const path = route.path.replace(':id', a.id).replace(/:[a-zA-Z]+/g, 'x');
			const res = await t.h.customerCall(
				a.token,
				route.method.toUpperCase(),
				path,
				route.body ? {} : undefined
			);
			expect(res.status, route.operationId).toBe(401);
		}
		const attempts: { path: string; headers: Record<string, string> }[] = [
			{ path: `/api/applications/${a.id}?token=${a.token}`, headers: {} },
			{ path: `/api/applications/${a.id}?access_token=${a.token}`, headers: {} },
			{ path: `/api/applications/${a.id}`, headers: { cookie: `kaihu_session=${a.token}` } },
			{ path: `/api/applications/${a.id}`, headers: { authorization: `Token ${a.token}` } },
			{ path: `/api/applications/${a.id}`, headers: { authorization: `Bearer ${a.token}x` } }
		];
		for (const init of attempts) {
			const res = await t.h.app.request(init.path, { headers: init.headers });
			expect(res.status, JSON.stringify(init)).toBe(401);
		}
	});

	it('a revoked token opens nothing, not even its own application', async () => {
		const a = await t.h.newApplication();
		expect(
			(await t.h.customerCall(a.token, 'DELETE', `/api/applications/${a.id}/token`)).status
		).toBeLessThan(300);
		for (const route of customerRoutes) {
			const path = route.path.replace(':id', a.id).replace(/:[a-zA-Z]+/g, 'x');
			const res = await t.h.customerCall(
				a.token,
				route.method.toUpperCase(),
				path,
				bodyFor(t, route)
			);
			expect(res.status, route.operationId).toBe(401);
		}
	});
});
