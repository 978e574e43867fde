import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpRegistry } from './http-adapter.ts';
import { RegistryUnavailableError } from './types.ts';

/** A stub provider on loopback whose behaviour each test sets. */
let behaviour: 'ok' | 'fail' | 'slow' | 'flaky' | 'bad' = 'ok';
let hits = 0;
let lastAuth: string | undefined;
let lastBody: Record<string, unknown> = {};
let server: ServerType;
let url: string;

beforeAll(async () => {
	const stub = new Hono();
	stub.post('/verify', async (c) => {
		hits++;
		lastAuth = c.req.header('authorization');
		lastBody = await c.req.json();
		if (behaviour === 'fail') return c.text('down', 503);
		if (behaviour === 'flaky' && hits % 2 === 1) return c.text('down', 502);
		if (behaviour === 'slow') await new Promise((r) => setTimeout(r, 300));
		if (behaviour === 'bad') return c.json({ code: 'maybe' });
		return c.json({
			code: lastBody.photo ? 'different_person' : 'same_person',
			score: lastBody.photo ? 0.3 : undefined
		});
	});
	await new Promise<void>((resolve) => {
		server = serve({ fetch: stub.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
			url = `http://127.0.0.1:${info.port}/verify`;
			resolve();
		});
	});
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const query = {
	mode: 2 as const,
	name: '张三',
	idNumber: '11010519491231002X',
	photo: new Uint8Array([1, 2, 3])
};

describe('HTTP registry adapter', () => {
	it('sends the query with the API key and the photo as base64', async () => {
		behaviour = 'ok';
		const reg = new HttpRegistry({ url, apiKey: 'secret-key' });
		expect(await reg.verify(query)).toEqual({ code: 'different_person', score: 0.3 });
		expect(lastAuth).toBe('Bearer secret-key');
		expect(lastBody.photo).toBe('AQID');
		expect(await reg.verify({ ...query, mode: 1, photo: undefined })).toEqual({
			code: 'same_person'
		});
	});

	it('retries a 5xx and succeeds', async () => {
		behaviour = 'flaky';
		hits = 0;
		const reg = new HttpRegistry({ url, retries: 2, backoffMs: 5 });
		expect((await reg.verify(query)).code).toBe('different_person');
		expect(hits).toBe(2);
	});

	it('times out and gives up after the retries', async () => {
		behaviour = 'slow';
		hits = 0;
		const reg = new HttpRegistry({ url, timeoutMs: 50, retries: 1, backoffMs: 5 });
		await expect(reg.verify(query)).rejects.toThrow(/timeout/);
		expect(hits).toBe(2);
	});

	it('does not accept a malformed answer', async () => {
		behaviour = 'bad';
		const reg = new HttpRegistry({ url, retries: 0 });
		await expect(reg.verify(query)).rejects.toBeInstanceOf(RegistryUnavailableError);
	});

	it('opens the circuit after consecutive failures, fails fast, and closes after a good probe', async () => {
		behaviour = 'fail';
		let clock = 0;
		const reg = new HttpRegistry({
			url,
			retries: 0,
			failureThreshold: 3,
			coolDownMs: 1000,
			now: () => clock
		});
		for (let i = 0; i < 3; i++) await expect(reg.verify(query)).rejects.toThrow(/HTTP 503/);
		expect(reg.circuit).toBe('open');
		hits = 0;
		await expect(reg.verify(query)).rejects.toThrow(/circuit open/);
		expect(hits).toBe(0);
		clock += 1000;
		expect(reg.circuit).toBe('half_open');
		await expect(reg.verify(query)).rejects.toThrow(/HTTP 503/);
		expect(reg.circuit).toBe('open');
		clock += 1000;
		behaviour = 'ok';
		expect((await reg.verify(query)).code).toBe('different_person');
		expect(reg.circuit).toBe('closed');
	});

	it('reports a refused connection as unavailable', async () => {
		const reg = new HttpRegistry({ url: 'http://127.0.0.1:1/verify', retries: 0 });
		await expect(reg.verify(query)).rejects.toThrow(/network error/);
	});
});
