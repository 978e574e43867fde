/**
 * Every answer carries the security headers exactly, over a real socket (where they are set on
 * Node's response before routing) and under `app.request()` — the API's answers of every kind
 * (200, 201, 400, 404, 413, a 500 from a database that is gone), the SPA's pages (its fallback too)
 * and assets.
 */
import { serve, type ServerType } from '@hono/node-server';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_BODY_LIMIT, createApp } from '../app.ts';
import { loadClientBuild } from './client.ts';
import { fileIntake } from '../intake/index.ts';
import { buildCsp, securityHeaders } from '../security/csp.ts';
import { openStorage, type Storage } from '../storage/index.ts';

interface Answer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
}

describe('security headers', () => {
	let storage: Storage;
	let server: ServerType;
	let port = 0;
	let app: ReturnType<typeof createApp>;
	let broken: ReturnType<typeof createApp>;
	let expected: Record<string, string>;
	const dir = mkdtempSync(join(tmpdir(), 'kaihu-headers-'));

	beforeAll(async () => {
		const clientDir = join(dir, 'build');
		mkdirSync(join(clientDir, '_app', 'immutable'), { recursive: true });
		writeFileSync(join(clientDir, 'index.html'), '<html><script>boot()</script></html>');
		writeFileSync(join(clientDir, '_app', 'immutable', 'a.js'), 'export {}');
		const client = await loadClientBuild(clientDir);
		expected = securityHeaders(buildCsp({ scriptHashes: client?.scriptHashes ?? [] }));
		storage = await openStorage({ dataDir: ':memory:' });
		app = createApp({ storage, version: 't', client, intake: fileIntake(join(dir, 'data')) });
		// A database that is gone: the health route throws, onError's 500 carries them too.
		const closed = await openStorage({ dataDir: ':memory:' });
		broken = createApp({ storage: closed, version: 't', client });
		await closed.close();
		const fetch: typeof app.fetch = (req, env) =>
			new URL(req.url).pathname === '/broken/api/health'
				? broken.request('/api/health', {}, env)
				: app.fetch(req, env);
		server = await new Promise((resolve) => {
			const s = serve({ fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
		});
		port = (server.address() as AddressInfo).port;
	});
	afterAll(async () => {
		await new Promise<void>((resolve) => server.close(() => resolve()));
		await storage.close();
		rmSync(dir, { recursive: true, force: true });
	});

	const send = (method: string, path: string, body?: string) =>
		new Promise<Answer>((resolve, reject) => {
			const req = request(
				{
					host: '127.0.0.1',
					port,
					path,
					method,
					headers: body === undefined ? {} : { 'content-type': 'application/json' }
				},
				(res) => {
					res.resume();
					res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
				}
			);
			req.on('error', reject);
			req.end(body);
		});

	const record = () =>
		JSON.stringify({
			id: crypto.randomUUID(),
			idempotencyKey: crypto.randomUUID(),
			kind: 'walk-in',
			payload: { name: '张三' },
			blobs: []
		});

	type Body = string | (() => string) | undefined;
	const text = (b: Body) => (typeof b === 'function' ? b() : b);
	const CASES: [string, string, Body, number][] = [
		['GET', '/api/health', undefined, 200],
		['POST', '/api/records', record, 201],
		['POST', '/api/records', '{not json', 400],
		['POST', '/api/records', 'x'.repeat(API_BODY_LIMIT + 1), 413],
		['GET', '/api/no-such-endpoint', undefined, 404],
		['GET', '/broken/api/health', undefined, 500],
		['GET', '/open/step-3', undefined, 200],
		['GET', '/_app/immutable/a.js', undefined, 200],
		['GET', '/no-such-page', undefined, 200]
	];

	it.each(CASES)(
		'%s %s over a socket → %d with every header',
		async (method, path, body, status) => {
			const res = await send(method, path, text(body));
			expect(res.status).toBe(status);
			for (const [k, v] of Object.entries(expected)) expect(res.headers[k.toLowerCase()]).toBe(v);
		}
	);

	it.each(CASES)(
		'%s %s under app.request() → %d with every header',
		async (method, path, body, status) => {
			const b = text(body);
			const [target, at] = path.startsWith('/broken/') ? [broken, path.slice(7)] : [app, path];
			const res = await target.request(at, {
				method,
				...(b === undefined ? {} : { body: b, headers: { 'content-type': 'application/json' } })
			});
			expect(res.status).toBe(status);
			for (const [k, v] of Object.entries(expected)) expect(res.headers.get(k)).toBe(v);
		}
	);

	it('the health answer is the same JSON on every call', async () => {
		const a = await (await app.request('/api/health')).text();
		const b = await (await app.request('/api/health')).json();
		expect(JSON.parse(a)).toEqual({ ok: true, version: 't', storage: 'sqlite' });
		expect(b).toEqual(JSON.parse(a));
	});
});
