/**
 * CSRF on every state-changing staff route (every non-GET route of the table with staff access),
 * as a role that may call it: no token, a wrong token, another session's token, or the right token
 * from a cross-site Origin — each 403 in the error shape with nothing stored. With the right token
 * from the same origin the request gets past the check.
 */
import { describe, expect, it } from 'vitest';
import { expectRejected } from '../abuse/rejects.ts';
import { type StaffRole } from '../abuse/target.ts';
import { abuseSuite } from '../abuse/suite.ts';
import { apiRoutes } from '../api.ts';
import { backends } from '../storage/test-databases.ts';

const CSRF_REFUSALS = /CSRF|Cross-origin/;

describe.each(backends())('CSRF on $kind', ({ open }) => {
	const t = abuseSuite(open);

	const routes = apiRoutes('test').filter((r) => r.method !== 'get' && r.access.kind === 'staff');

	it('covers every state-changing staff route', () => {
		expect(routes.length).toBeGreaterThanOrEqual(13);
	});

	it.each(routes.map((r) => [r.operationId, r] as const))('%s', async (_id, route) => {
		const role = (route.access.kind === 'staff' ? route.access.roles[0] : 'admin') as StaffRole;
		const other = t.sessions[role === 'admin' ? 'reviewer' : 'admin'];
		const path = route.path
			.replace(
				':id',
				route.path.startsWith('/api/staff/bookings') ? t.ids.bookings[1]! : t.apps[5]!.id
			)
			.replace(/:[a-zA-Z]+/g, 'x');
		const send = (headers: Record<string, string>) => () =>
			t.h.app.request(`http://127.0.0.1:8080${path}`, {
				method: route.method.toUpperCase(),
				headers: {
					cookie: t.sessions[role].cookie,
					'content-type': 'application/json',
					...headers
				},
				body: route.body ? '{}' : undefined
			});
		const cases: [string, Record<string, string>][] = [
			['no token', {}],
			['wrong token', { 'x-csrf-token': 'csrf_' + 'x'.repeat(43) }],
			["another session's token", { 'x-csrf-token': other.csrf }],
			[
				'cross-site origin',
				{ 'x-csrf-token': t.sessions[role].csrf, origin: 'https://evil.example' }
			]
		];
		for (const [label, headers] of cases) {
			const error = await expectRejected(t, send(headers), 403, `${route.operationId}: ${label}`);
			expect(error.code).toBe('forbidden');
			expect(error.message).toMatch(CSRF_REFUSALS);
		}
		// The right token from the same origin passes the check (the body may still be invalid).
		const ok = await send({
			'x-csrf-token': t.sessions[role].csrf,
			origin: 'http://127.0.0.1:8080'
		})();
		const text = await ok.text();
		expect(text).not.toMatch(CSRF_REFUSALS);
		expect(ok.status).toBeLessThan(500);
		if (route.operationId === 'logout') await t.relogin(role);
	});
});
