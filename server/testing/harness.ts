/**
 * Test harness for in-process API tests: an app on a given storage backend with a fixed data key,
 * seeded citizens, staff of every role and helpers that log in and call the API.
 */
import { createApp, type AppDeps } from '../app.ts';
import { Throttle } from '../auth/throttle.ts';
import { createStaff } from '../auth/staff.ts';
import type { STAFF_ROLES } from '../auth/roles.ts';
import type { CoreDeps } from '../deps.ts';
import { JobDrainer } from '../jobs/drainer.ts';
import { seedCitizens, type CitizenRecord } from '../registry/embedded.ts';
import { syntheticCitizens } from '../registry/synthetic.ts';
import { generateKey, parseKey, PiiCipher } from '../security/pii.ts';
import type { Storage } from '../storage/index.ts';

export const PASSWORD = 'correct-horse-battery';
export type Role = (typeof STAFF_ROLES)[number];
import { submissionFor } from './submission.ts';

/** A 1×1 PNG (valid, decodable by pdf-lib). */
export const TINY_PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
	'base64'
).toString('base64');

export interface Session {
	cookie: string;
	csrf: string;
}

/**
 * `prefix` keeps staff usernames unique when two harnesses share one database; `mount` adds
 * optional parts of the app (intake, signalling).
 */
export async function harness(
	storage: Storage,
	core: Partial<CoreDeps> = {},
	prefix = '',
	mount: Pick<AppDeps, 'intake' | 'signalling'> = {}
) {
	const cipher = core.cipher ?? new PiiCipher(parseKey(generateKey(), 'test'));
	const logs: Record<string, unknown>[] = [];
	// Never started: a test runs the queued jobs (submission PDF, face re-check) with `drain()`.
	const jobs = core.jobs ?? new JobDrainer(storage, { now: core.now, log: (e) => logs.push(e) });
	const deps: Partial<CoreDeps> = {
		jobs,
		cipher,
		loginThrottle: new Throttle(1000, 60_000),
		createThrottle: new Throttle(100_000, 60_000),
		log: (e) => logs.push(e),
		...core
	};
	const app = createApp({ storage, version: 'test', core: deps, ...mount });
	const citizens: CitizenRecord[] = syntheticCitizens(10);
	await seedCitizens(storage.db, cipher, citizens, new Date());
	const staff: Record<Role, string> = { agent: '', reviewer: '', admin: '' };
	for (const role of ['agent', 'reviewer', 'admin'] as const) {
		staff[role] = (
			await createStaff(
				storage.db,
				{ username: `${prefix}${role}1`, role, password: PASSWORD },
				new Date()
			)
		).id;
	}

	async function login(username: string, password = PASSWORD): Promise<Session> {
		const res = await app.request('/api/auth/login', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ username, password })
		});
		if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
		const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
		const { csrfToken } = (await res.json()) as { csrfToken: string };
		return { cookie, csrf: csrfToken };
	}

	/** A staff request with cookie and CSRF header. */
	function staffCall(s: Session, method: string, path: string, body?: unknown): Promise<Response> {
		return Promise.resolve(
			app.request(path, {
				method,
				headers: {
					cookie: s.cookie,
					'x-csrf-token': s.csrf,
					...(body === undefined ? {} : { 'content-type': 'application/json' })
				},
				body: body === undefined ? undefined : JSON.stringify(body)
			})
		);
	}

	/** A customer request with the capability token. */
	function customerCall(
		token: string,
		method: string,
		path: string,
		body?: unknown,
		headers: Record<string, string> = {}
	): Promise<Response> {
		return Promise.resolve(
			app.request(path, {
				method,
				headers: {
					authorization: `Bearer ${token}`,
					...(body === undefined ? {} : { 'content-type': 'application/json' }),
					...headers
				},
				body: body === undefined ? undefined : JSON.stringify(body)
			})
		);
	}

	async function newApplication(): Promise<{ id: string; token: string }> {
		const res = await app.request('/api/applications', { method: 'POST' });
		return (await res.json()) as { id: string; token: string };
	}

	/** A valid submission for citizen `i` (registry will match). */
	function submission(i = 0, overrides: Record<string, unknown> = {}) {
		return { ...submissionFor(citizens[i] as CitizenRecord, TINY_PNG), ...overrides };
	}

	/** Runs every due job (what the server's drainer does after a submission); returns how many. */
	const drain = () => jobs.drain();

	/** Drains the jobs, then the application's state and reason (what the customer then sees). */
	async function settle(id: string): Promise<{ state: string; reason: string | null }> {
		await drain();
		return storage.db
			.selectFrom('applications')
			.select(['state', 'reason'])
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
	}

	return {
		app,
		jobs,
		drain,
		settle,
		cipher,
		logs,
		staff,
		citizens,
		login,
		staffCall,
		customerCall,
		newApplication,
		submission
	};
}

export type Harness = Awaited<ReturnType<typeof harness>>;
