import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Throttle } from './throttle.ts';
import type { Storage } from '../storage/index.ts';
import { backends } from '../storage/test-databases.ts';
import { harness, PASSWORD, type Harness } from '../testing/harness.ts';

describe.each(backends())('staff auth on $kind', ({ open }) => {
	let storage: Storage;
	let h: Harness;
	const throttle = new Throttle(5, 60_000);
	beforeAll(async () => {
		storage = await open();
		h = await harness(storage, { loginThrottle: throttle });
	});
	afterAll(async () => storage.close());

	it('logs in with a Secure, HttpOnly, SameSite=Strict session cookie and stores only its hash', async () => {
		const res = await h.app.request('/api/auth/login', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ username: 'reviewer1', password: PASSWORD })
		});
		expect(res.status).toBe(200);
		const cookie = res.headers.get('set-cookie') ?? '';
		expect(cookie).toMatch(/^kaihu_session=ks_/);
		expect(cookie).toContain('HttpOnly');
		expect(cookie).toContain('Secure');
		expect(cookie).toContain('SameSite=Strict');
		const token = cookie.split(';')[0]?.split('=')[1] ?? '';
		const rows = await storage.db.selectFrom('staff_sessions').select('token_hash').execute();
		expect(rows.some((r) => r.token_hash === token)).toBe(false);
		expect(((await res.json()) as { role: string }).role).toBe('reviewer');
	});

	it('stores argon2id hashes, never passwords', async () => {
		const row = await storage.db
			.selectFrom('staff')
			.select('password_hash')
			.where('username', '=', 'agent1')
			.executeTakeFirstOrThrow();
		expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(row.password_hash).not.toContain(PASSWORD);
	});

	it('refuses a wrong password and throttles after 5 failures', async () => {
		const attempt = (password: string) =>
			h.app.request('/api/auth/login', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ username: 'agent1', password })
			});
		for (let i = 0; i < 5; i++) expect((await attempt('wrong-password')).status).toBe(401);
		const blocked = await attempt(PASSWORD);
		expect(blocked.status).toBe(429);
		expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(await blocked.json()).toMatchObject({ error: { code: 'rate_limited' } });
		// The same client is throttled for other usernames too (no spraying one password).
		throttle.reset('u:agent1');
		expect(throttle.blocked('ip:local')).toBeGreaterThan(0);
		throttle.reset('ip:local');
		expect((await attempt(PASSWORD)).status).toBe(200);
	});

	it('requires the CSRF token and a same origin on state-changing staff routes', async () => {
		const s = await h.login('admin1');
		const body = JSON.stringify({
			username: 'newagent',
			role: 'agent',
			password: 'long-enough-password'
		});
		const post = (headers: Record<string, string>) =>
			h.app.request('http://127.0.0.1/api/admin/staff', {
				method: 'POST',
				headers: { cookie: s.cookie, 'content-type': 'application/json', ...headers },
				body
			});
		expect((await post({})).status).toBe(403);
		expect((await post({ 'x-csrf-token': 'csrf_wrong' })).status).toBe(403);
		expect((await post({ 'x-csrf-token': s.csrf, origin: 'http://evil.example' })).status).toBe(
			403
		);
		const ok = await post({ 'x-csrf-token': s.csrf, origin: 'http://127.0.0.1' });
		expect(ok.status).toBe(201);
		expect((await post({ 'x-csrf-token': s.csrf })).status).toBe(409);
		const agent = await h.login('newagent', 'long-enough-password');
		const me = await h.staffCall(agent, 'GET', '/api/auth/me');
		expect(await me.json()).toMatchObject({ username: 'newagent', role: 'agent' });
	});

	it('rejects a weak password for new staff', async () => {
		const s = await h.login('admin1');
		const res = await h.staffCall(s, 'POST', '/api/admin/staff', {
			username: 'weak',
			role: 'agent',
			password: 'short'
		});
		expect(res.status).toBe(400);
		expect(await res.json()).toMatchObject({ error: { code: 'validation_failed' } });
	});

	it('logout ends the session', async () => {
		const s = await h.login('reviewer1');
		expect((await h.staffCall(s, 'POST', '/api/auth/logout')).status).toBe(200);
		expect((await h.staffCall(s, 'GET', '/api/auth/me')).status).toBe(401);
	});
});

describe.each(backends())('capability tokens on $kind', ({ open }) => {
	let storage: Storage;
	let h: Harness;
	let clock = Date.now();
	beforeAll(async () => {
		storage = await open();
		h = await harness(storage, { now: () => new Date(clock), capabilityTtlMs: 3600_000 });
	});
	afterAll(async () => storage.close());

	it('are 256-bit random, stored hashed, scoped to one application', async () => {
		const a = await h.newApplication();
		const b = await h.newApplication();
		expect(a.token).toMatch(/^kh_[A-Za-z0-9_-]{43}$/);
		const stored = await storage.db.selectFrom('app_tokens').select('token_hash').execute();
		expect(stored.map((r) => r.token_hash)).not.toContain(a.token);
		expect((await h.customerCall(a.token, 'GET', `/api/applications/${a.id}`)).status).toBe(200);
		expect((await h.customerCall(a.token, 'GET', `/api/applications/${b.id}`)).status).toBe(403);
		expect(
			(await h.customerCall('kh_' + 'x'.repeat(43), 'GET', `/api/applications/${a.id}`)).status
		).toBe(401);
	});

	it('expire', async () => {
		const a = await h.newApplication();
		clock += 3600_000 + 1;
		expect((await h.customerCall(a.token, 'GET', `/api/applications/${a.id}`)).status).toBe(401);
	});

	it('starting applications is rate-limited per client address', async () => {
		const small = await harness(storage, { createThrottle: new Throttle(3, 60_000) }, 'small');
		const codes = [];
		for (let i = 0; i < 4; i++)
			codes.push((await small.app.request('/api/applications', { method: 'POST' })).status);
		expect(codes).toEqual([201, 201, 201, 429]);
	});

	it('can be revoked', async () => {
		const a = await h.newApplication();
		expect(
			(await h.customerCall(a.token, 'DELETE', `/api/applications/${a.id}/token`)).status
		).toBe(200);
		expect((await h.customerCall(a.token, 'GET', `/api/applications/${a.id}`)).status).toBe(401);
	});
});
