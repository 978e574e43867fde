/**
 * Brute force against staff login, with the production throttle (database-backed, 5 failures per
 * 15 minutes per account and per client address): the 6th try is refused with 429, Retry-After
 * and the error shape — even with the right password; a parallel burst gets no more guesses than
 * a sequence; the lock survives a restart (a new app on the same database).
 */
import { describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { createStaff } from '../auth/staff.ts';
import type { Storage } from '../storage/index.ts';
import { backends } from '../storage/test-databases.ts';

const PASSWORD = 'correct-horse-battery';
const WINDOW_S = 15 * 60;

function login(storage: Storage, username: string, password: string, ip: string) {
	// One app per call: nothing is kept in process memory between attempts (as after a restart).
	const app = createApp({ storage, version: 'test', core: { log: () => undefined } });
	return app.request(
		'/api/auth/login',
		{
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ username, password })
		},
		{ incoming: { socket: { remoteAddress: ip } } }
	);
}

async function expectThrottled(res: Response, label: string) {
	expect(res.status, label).toBe(429);
	const retry = Number(res.headers.get('retry-after'));
	expect(retry, label).toBeGreaterThan(0);
	expect(retry, label).toBeLessThanOrEqual(WINDOW_S);
	expect(await res.json()).toMatchObject({
		error: { code: 'rate_limited', message: expect.any(String) }
	});
}

describe.each(backends())('login throttling on $kind', ({ open }) => {
	async function setup() {
		const storage = await open();
		for (const u of ['alice', 'bob', 'carol', 'dave'])
			await createStaff(storage.db, { username: u, role: 'agent', password: PASSWORD }, new Date());
		return storage;
	}

	it('locks an account after 5 failures from any addresses, even for the right password; across restarts', async () => {
		const storage = await setup();
		try {
			for (let i = 0; i < 5; i++)
				expect((await login(storage, 'alice', 'wrong', `10.0.0.${i}`)).status).toBe(401);
			await expectThrottled(
				await login(storage, 'alice', PASSWORD, '10.9.9.9'),
				'right password, fresh address'
			);
			// A fresh app on the same database (a restart, or another instance) keeps the lock.
			await expectThrottled(await login(storage, 'alice', PASSWORD, '10.9.9.8'), 'after restart');
			// Other accounts are not affected.
			expect((await login(storage, 'bob', PASSWORD, '10.9.9.7')).status).toBe(200);
		} finally {
			await storage.close();
		}
	});

	it('locks an address after 5 failures across accounts (and unknown names)', async () => {
		const storage = await setup();
		try {
			for (const u of ['alice', 'bob', 'nobody1', 'nobody2', 'carol'])
				expect((await login(storage, u, 'wrong', '192.0.2.1')).status).toBe(401);
			await expectThrottled(await login(storage, 'dave', PASSWORD, '192.0.2.1'), 'same address');
			expect((await login(storage, 'dave', PASSWORD, '192.0.2.2')).status).toBe(200);
		} finally {
			await storage.close();
		}
	});

	it('a parallel burst of 20 guesses gets at most 5 evaluated', async () => {
		const storage = await setup();
		try {
			const burst = await Promise.all(
				Array.from({ length: 20 }, (_, i) =>
					login(storage, 'carol', `guess-${i}`, `198.51.100.${i}`)
				)
			);
			const statuses = burst.map((r) => r.status);
			expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
			expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(15);
			expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
		} finally {
			await storage.close();
		}
	});
});
