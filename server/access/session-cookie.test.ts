/**
 * The staff session cookie: HttpOnly (no script reads it), Secure (always — the server does not
 * guess whether it sits behind TLS; browsers accept Secure cookies on http://localhost and
 * 127.0.0.1, and a deployment is https), SameSite=Strict, host-only, scoped to /api, as long-lived
 * as the session; the token never appears in a body; logout expires it with the same attributes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../storage/index.ts';
import { backends } from '../storage/test-databases.ts';
import { harness, PASSWORD, type Harness } from '../testing/harness.ts';

function attributes(setCookie: string) {
	const [pair = '', ...attrs] = setCookie.split(';').map((s) => s.trim());
	const map = new Map(attrs.map((a) => [a.split('=')[0]!.toLowerCase(), a.split('=')[1] ?? '']));
	return { name: pair.split('=')[0], value: pair.slice(pair.indexOf('=') + 1), map };
}

describe.each(backends())('staff session cookie on $kind', ({ open }) => {
	let storage: Storage;
	let h: Harness;
	beforeAll(async () => {
		storage = await open();
		h = await harness(storage);
	});
	afterAll(async () => storage.close());

	for (const origin of ['http://127.0.0.1:8080', 'https://kaihu.bank.example'])
		it(`is HttpOnly, Secure, SameSite=Strict, host-only and /api-scoped (${origin})`, async () => {
			const res = await h.app.request(`${origin}/api/auth/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ username: 'agent1', password: PASSWORD })
			});
			expect(res.status).toBe(200);
			const cookies = res.headers.getSetCookie();
			expect(cookies).toHaveLength(1);
			const c = attributes(cookies[0]!);
			expect(c.name).toBe('kaihu_session');
			expect(c.value).toMatch(/^ks_[A-Za-z0-9_-]{43}$/);
			expect(c.map.has('httponly')).toBe(true);
			expect(c.map.has('secure')).toBe(true);
			expect(c.map.get('samesite')).toBe('Strict');
			expect(c.map.get('path')).toBe('/api');
			expect(c.map.has('domain')).toBe(false);
			expect(Number(c.map.get('max-age'))).toBe(8 * 3600);
			// The token is only in the cookie; the body carries the CSRF token, which is different.
			const body = (await res.json()) as { csrfToken: string };
			expect(JSON.stringify(body)).not.toContain(c.value);
			expect(body.csrfToken).not.toBe(c.value);

			const out = await h.app.request(`${origin}/api/auth/logout`, {
				method: 'POST',
				headers: { cookie: `kaihu_session=${c.value}`, 'x-csrf-token': body.csrfToken }
			});
			expect(out.status).toBe(200);
			const cleared = attributes(out.headers.getSetCookie()[0] ?? '');
			expect(cleared.name).toBe('kaihu_session');
			expect(cleared.value).toBe('');
			expect(cleared.map.get('max-age')).toBe('0');
			expect(cleared.map.has('secure')).toBe(true);
			expect(cleared.map.get('path')).toBe('/api');
			// The old token is dead server-side too, not just cleared in the browser.
			const me = await h.app.request(`${origin}/api/auth/me`, {
				headers: { cookie: `kaihu_session=${c.value}` }
			});
			expect(me.status).toBe(401);
		});

	it('an expired or forged session is refused with the error shape', async () => {
		const s = await h.login('reviewer1');
		await storage.db
			.updateTable('staff_sessions')
			.set({ expires_at: new Date(Date.now() - 1000).toISOString() })
			.execute();
		for (const cookie of [s.cookie, 'kaihu_session=ks_forged', "kaihu_session=' OR 1=1 --"]) {
			const res = await h.app.request('/api/auth/me', { headers: { cookie } });
			expect(res.status).toBe(401);
			expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } });
		}
	});
});
