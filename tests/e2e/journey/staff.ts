/** Staff actions by API from a browser context (until the agent and reviewer consoles land). */
import { expect, type Page } from '@playwright/test';

/** The e2e server's demo staff password (playwright.config.ts). */
export const DEMO_PASSWORD = 'e2e-demo-password';

/** Logs `username` in on `page` (session cookie) and returns the CSRF token. */
export async function staffLogin(page: Page, username: string): Promise<string> {
	await page.goto('/');
	const r = await page.evaluate(
		async ([u, p]) => {
			const res = await fetch('/api/auth/login', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ username: u, password: p })
			});
			return { status: res.status, body: (await res.json()) as { csrfToken?: string } };
		},
		[username, DEMO_PASSWORD] as const
	);
	expect(r.status).toBe(200);
	return r.body.csrfToken ?? '';
}

/** A staff POST with the session cookie and CSRF header; returns status and JSON. */
export async function staffPost(page: Page, csrf: string, path: string, body: unknown) {
	return page.evaluate(
		async ([p, c, b]) => {
			const res = await fetch(p, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-csrf-token': c },
				body: JSON.stringify(b)
			});
			return { status: res.status, body: (await res.json()) as Record<string, unknown> };
		},
		[path, csrf, body] as const
	);
}
