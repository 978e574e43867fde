import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../storage/index.ts';
import { backends } from '../storage/test-databases.ts';
import { harness } from '../testing/harness.ts';
import { StoreThrottle } from './store-throttle.ts';

describe.each(backends())('store-backed throttle on $kind', ({ open }) => {
	let storage: Storage;
	beforeAll(async () => {
		storage = await open();
	});
	afterAll(async () => storage.close());

	it('is shared by instances, survives a restart, ages out and resets', async () => {
		let now = Date.parse('2026-11-23T10:00:00Z');
		const clock = () => now;
		const a = new StoreThrottle(storage.db, 't1', 3, 60_000, clock);
		const b = new StoreThrottle(storage.db, 't1', 3, 60_000, clock);
		await a.fail('u:alice');
		now += 1000;
		await b.fail('u:alice');
		now += 1000;
		expect(await a.blocked('u:alice')).toBe(0);
		await a.fail('u:alice');
		// Both instances see three failures; the wait runs from the oldest of them.
		expect(await b.blocked('u:alice')).toBe(58_000);
		expect(await a.blocked('u:bob')).toBe(0);
		expect(await new StoreThrottle(storage.db, 'other', 3, 60_000, clock).blocked('u:alice')).toBe(
			0
		);
		// A restarted process (a new instance over the same database) is still blocked.
		const restarted = new StoreThrottle(storage.db, 't1', 3, 60_000, clock);
		expect(await restarted.blocked('u:alice')).toBeGreaterThan(0);
		now += 58_001;
		expect(await restarted.blocked('u:alice')).toBe(0);
		await restarted.fail('u:alice');
		await restarted.fail('u:alice');
		expect(await a.blocked('u:alice')).toBeGreaterThan(0);
		await b.reset('u:alice');
		expect(await a.blocked('u:alice')).toBe(0);
		const stored = await storage.db.selectFrom('throttle_events').select('key_hash').execute();
		expect(JSON.stringify(stored)).not.toContain('alice');
		await a.prune();
	});

	it('login failures on one app instance lock the username on another', async () => {
		const h1 = await harness(
			storage,
			{ loginThrottle: new StoreThrottle(storage.db, 'login', 5, 15 * 60_000) },
			'st'
		);
		const h2 = await harness(
			storage,
			{ loginThrottle: new StoreThrottle(storage.db, 'login', 5, 15 * 60_000) },
			'st2'
		);
		const attempt = (h: typeof h1, password: string) =>
			h.app.request('/api/auth/login', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ username: 'stagent1', password })
			});
		for (let i = 0; i < 5; i++) expect((await attempt(h1, 'wrong-password')).status).toBe(401);
		const locked = await attempt(h2, 'correct-horse-battery');
		expect(locked.status).toBe(429);
		expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(await locked.json()).toMatchObject({ error: { code: 'rate_limited' } });
	});
});
