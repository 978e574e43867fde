import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { durableWrites } from './durable-writes.ts';
import { onError } from './errors.ts';

/** An app whose storage's durability the test grants by hand. */
function app() {
	const waiting: { done: () => void; fail: (e: Error) => void }[] = [];
	const storage = {
		durable: () => new Promise<void>((done, fail) => waiting.push({ done, fail }))
	};
	const a = new Hono();
	a.use('/api/*', durableWrites(storage));
	a.post('/api/records', (c) => c.json({ ok: true }, 201));
	a.get('/api/records', (c) => c.json({ ok: true }));
	a.onError(onError);
	return { a, waiting };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('durable writes', () => {
	it('a 201 is answered only after the storage says the commit is on disk', async () => {
		const { a, waiting } = app();
		let answered = false;
		const res = Promise.resolve(a.request('/api/records', { method: 'POST' })).then((r) => {
			answered = true;
			return r;
		});
		await tick();
		expect(waiting).toHaveLength(1);
		expect(answered).toBe(false);
		waiting[0]!.done();
		expect((await res).status).toBe(201);
	});

	it('a failed sync turns the answer into a 500, never a false success', async () => {
		const { a, waiting } = app();
		const res = a.request('/api/records', { method: 'POST' });
		await tick();
		waiting[0]!.fail(new Error('EIO'));
		const r = await res;
		expect(r.status).toBe(500);
		expect(((await r.json()) as { error: { code: string } }).error.code).toBeTruthy();
	});

	it('reads do not wait', async () => {
		const { a, waiting } = app();
		expect((await a.request('/api/records')).status).toBe(200);
		expect(waiting).toHaveLength(0);
	});
});
