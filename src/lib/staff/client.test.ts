import { describe, expect, it } from 'vitest';
import { StaffClient } from './client.ts';
import { StaffApiError } from './errors.ts';
import { safeNext } from './navigation.ts';

interface Call {
	url: string;
	method: string;
	headers: Record<string, string>;
	body?: string;
}

/** A fake server: one session, CSRF enforced on non-GET like server/http/mount.ts. */
function fakeServer() {
	const calls: Call[] = [];
	let loggedIn = false;
	const csrf = 'csrf_abc';
	const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
		new Response(JSON.stringify(body), {
			status,
			headers: { 'content-type': 'application/json', ...headers }
		});
	const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
		const call: Call = {
			url: String(input),
			method: init?.method ?? 'GET',
			headers: (init?.headers ?? {}) as Record<string, string>,
			body: init?.body as string | undefined
		};
		calls.push(call);
		const me = { id: 's1', username: 'reviewer', role: 'reviewer', csrfToken: csrf };
		if (call.url === '/api/auth/login') {
			const { password } = JSON.parse(call.body ?? '{}') as { password: string };
			if (password === 'locked')
				return json(
					429,
					{ error: { code: 'rate_limited', message: 'x' } },
					{ 'retry-after': '60' }
				);
			if (password !== 'right') return json(401, { error: { code: 'unauthorized', message: 'x' } });
			loggedIn = true;
			return json(200, me);
		}
		if (!loggedIn) return json(401, { error: { code: 'unauthorized', message: 'Login required' } });
		if (call.method !== 'GET' && call.headers['X-CSRF-Token'] !== csrf)
			return json(403, { error: { code: 'forbidden', message: 'csrf' } });
		if (call.url === '/api/auth/me') return json(200, me);
		if (call.url === '/api/auth/logout') {
			loggedIn = false;
			return json(200, { ok: true });
		}
		return json(200, { ok: true, url: call.url });
	}) as typeof fetch;
	return { calls, fetcher, setLoggedIn: (v: boolean) => (loggedIn = v) };
}

describe('StaffClient', () => {
	it('logs in and sends the CSRF token on state-changing requests only', async () => {
		const server = fakeServer();
		const client = new StaffClient(server.fetcher);
		const me = await client.login('reviewer', 'right');
		expect(me.role).toBe('reviewer');
		await client.request('GET', '/api/review/queue');
		await client.request('POST', '/api/applications/a1/decision', { decision: 'approve' });
		const [, get, post] = server.calls;
		expect(get?.headers['X-CSRF-Token']).toBeUndefined();
		expect(post?.headers['X-CSRF-Token']).toBe('csrf_abc');
		expect(post?.headers['content-type']).toBe('application/json');
	});

	it('after a reload (no token in memory) fetches it with me() before a POST', async () => {
		const server = fakeServer();
		server.setLoggedIn(true);
		const client = new StaffClient(server.fetcher);
		await expect(client.request('POST', '/api/x', {})).resolves.toEqual({
			ok: true,
			url: '/api/x'
		});
		expect(server.calls.map((c) => c.url)).toEqual(['/api/auth/me', '/api/x']);
	});

	it('me() is null without a session; a wrong password is a typed unauthorized error', async () => {
		const server = fakeServer();
		const client = new StaffClient(server.fetcher);
		expect(await client.me()).toBeNull();
		const err = await client.login('reviewer', 'wrong').catch((e: unknown) => e);
		expect(err).toBeInstanceOf(StaffApiError);
		expect((err as StaffApiError).code).toBe('unauthorized');
		expect((err as StaffApiError).zh).toBe('请先登录。');
	});

	it('reports Retry-After on throttled logins and network failures as code network', async () => {
		const server = fakeServer();
		const client = new StaffClient(server.fetcher);
		const err = (await client
			.login('reviewer', 'locked')
			.catch((e: unknown) => e)) as StaffApiError;
		expect(err.code).toBe('rate_limited');
		expect(err.retryAfter).toBe(60);
		const offline = new StaffClient((() => Promise.reject(new TypeError('x'))) as typeof fetch);
		const net = (await offline.me().catch((e: unknown) => e)) as StaffApiError;
		expect(net.code).toBe('network');
	});

	it('logout ends the session and a later POST is unauthorized', async () => {
		const server = fakeServer();
		const client = new StaffClient(server.fetcher);
		await client.login('reviewer', 'right');
		await client.logout();
		expect(await client.me()).toBeNull();
		const err = (await client
			.request('POST', '/api/x', {})
			.catch((e: unknown) => e)) as StaffApiError;
		expect(err.code).toBe('unauthorized');
	});
});

describe('safeNext', () => {
	it('follows same-origin paths only', () => {
		expect(safeNext('/review/abc?x=1')).toBe('/review/abc?x=1');
		for (const bad of [
			'//evil.example',
			'/\\evil.example',
			'https://evil.example',
			'javascript:x',
			'/staff/login?next=/x',
			'',
			null
		])
			expect(safeNext(bad)).toBeUndefined();
	});
});
