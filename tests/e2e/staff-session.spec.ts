import { expect, test } from '@playwright/test';

/**
 * The staff session cookie is `Secure; HttpOnly; SameSite=Strict` and still works on
 * http://127.0.0.1 (Chromium treats loopback as a secure context); scripts cannot read it, and a
 * state-changing request without the CSRF token is refused.
 */
test('staff login keeps a Secure HttpOnly session on loopback http, guarded by CSRF', async ({
	page
}) => {
	await page.goto('/');
	const result = await page.evaluate(async () => {
		const login = await fetch('/api/auth/login', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ username: 'admin', password: 'e2e-demo-password' })
		});
		const { csrfToken } = (await login.json()) as { csrfToken: string };
		const me = await fetch('/api/auth/me');
		const create = (headers: Record<string, string>) =>
			fetch('/api/admin/staff', {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...headers },
				body: JSON.stringify({
					username: 'e2e-agent',
					role: 'agent',
					password: 'long-e2e-password'
				})
			}).then((r) => r.status);
		return {
			login: login.status,
			me: me.status,
			role: ((await me.json()) as { role: string }).role,
			visibleCookie: document.cookie,
			withoutCsrf: await create({}),
			withCsrf: await create({ 'x-csrf-token': csrfToken })
		};
	});
	expect(result).toEqual({
		login: 200,
		me: 200,
		role: 'admin',
		visibleCookie: expect.not.stringContaining('kaihu_session'),
		withoutCsrf: 403,
		withCsrf: 201
	});
	const cookies = await page.context().cookies();
	const session = cookies.find((c) => c.name === 'kaihu_session');
	expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict' });
});
