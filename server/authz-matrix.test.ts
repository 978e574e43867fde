/**
 * The authorization matrix: every registered API route × every kind of caller. A route added
 * without an entry in EXPECTED fails this test, and so does a route registered outside the table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes, ROUTES_OUTSIDE_TABLE } from './api.ts';
import type { Storage } from './storage/index.ts';
import { backends } from './storage/test-databases.ts';
import { harness, type Harness, type Session } from './testing/harness.ts';

type Caller = 'anonymous' | 'customer_own' | 'customer_other' | 'agent' | 'reviewer' | 'admin';
const CALLERS: Caller[] = [
	'anonymous',
	'customer_own',
	'customer_other',
	'agent',
	'reviewer',
	'admin'
];
const STAFF: Caller[] = ['agent', 'reviewer', 'admin'];

/** Who may call each operation. Keep in step with the product's roles, not with the code. */
const EXPECTED: Record<string, Caller[]> = {
	login: CALLERS,
	logout: STAFF,
	me: STAFF,
	createStaff: ['admin'],
	listStaff: ['admin'],
	createApplication: CALLERS,
	getApplication: ['customer_own'],
	issueLivenessNonce: ['customer_own'],
	issueLivenessChallenge: ['customer_own'],
	submitLivenessAttempt: ['customer_own'],
	getLivenessStatus: ['customer_own'],
	listLivenessAttempts: STAFF,
	livenessEvidence: STAFF,
	submitApplication: ['customer_own'],
	revokeToken: ['customer_own'],
	listApplications: STAFF,
	viewApplication: STAFF,
	applicationFormPdf: STAFF,
	recordWitness: ['agent'],
	decideApplication: ['reviewer', 'admin'],
	verifyIdentity: ['agent', 'reviewer'],
	purgeMedia: ['admin'],
	openApi: CALLERS
};

const routes = apiRoutes('test');

describe('route rules', () => {
	it('every route in the table has an expected rule, and no rule is stale', () => {
		const ids = routes.map((r) => r.operationId);
		expect(ids.filter((id) => !(id in EXPECTED))).toEqual([]);
		expect(Object.keys(EXPECTED).filter((id) => !ids.includes(id))).toEqual([]);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('no API route is registered on the app outside the table', async () => {
		const backend = backends()[0];
		if (!backend) throw new Error('no backend');
		const storage = await backend.open();
		try {
			const h = await harness(storage);
			const known = new Set([
				...routes.map((r) => `${r.method.toUpperCase()} ${r.path}`),
				...ROUTES_OUTSIDE_TABLE.map((r) => `${r.method} ${r.path}`)
			]);
			const registered = h.app.routes
				.filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL')
				.map((r) => `${r.method} ${r.path}`);
			expect(registered.filter((r) => !known.has(r))).toEqual([]);
			expect(registered.length).toBeGreaterThanOrEqual(routes.length);
		} finally {
			await storage.close();
		}
	});
});

describe.each(backends())('authz matrix on $kind', ({ open }) => {
	let storage: Storage;
	let h: Harness;
	const sessions = {} as Record<'agent' | 'reviewer' | 'admin', Session>;
	beforeAll(async () => {
		storage = await open();
		h = await harness(storage);
		for (const role of ['agent', 'reviewer', 'admin'] as const)
			sessions[role] = await h.login(`${role}1`);
	});
	afterAll(async () => storage.close());

	const cases = routes.flatMap((r) => CALLERS.map((caller) => [r.operationId, caller] as const));

	it.each(cases)('%s as %s', async (operationId, caller) => {
		const route = routes.find((r) => r.operationId === operationId);
		if (!route) throw new Error(operationId);
		const own = await h.newApplication();
		const other = await h.newApplication();
		const path = route.path.replace(':id', own.id);
		const method = route.method.toUpperCase();
		const body = route.body ? {} : undefined;
		let res: Response;
		if (caller === 'anonymous') {
			res = await h.app.request(path, {
				method,
				headers: body ? { 'content-type': 'application/json' } : {},
				body: body && '{}'
			});
		} else if (caller === 'customer_own' || caller === 'customer_other') {
			res = await h.customerCall(
				caller === 'customer_own' ? own.token : other.token,
				method,
				path,
				body
			);
		} else {
			res = await h.staffCall(sessions[caller], method, path, body);
			if (operationId === 'logout') sessions[caller] = await h.login(`${caller}1`);
		}
		const allowed = EXPECTED[operationId]?.includes(caller) ?? false;
		if (allowed) {
			expect([401, 403]).not.toContain(res.status);
		} else {
			expect(res.status).toBe(
				caller === 'anonymous'
					? 401
					: route.access.kind === 'staff' && caller.startsWith('customer')
						? 401
						: 403
			);
			expect(await res.json()).toMatchObject({
				error: { code: expect.stringMatching(/^(unauthorized|forbidden)$/) }
			});
		}
		expect(res.status).toBeLessThan(500);
	});
});
