/**
 * Keep-alive over a real socket: an answer whose request body was read to its end keeps the
 * connection (the JSON body reader reads the socket directly, not through the fetch `Request`);
 * a body refused unread (a 404 outside /api, the 413) is answered `Connection: close` so the client's next request
 * does not land in a socket the adapter is about to destroy.
 */
import { serve, type ServerType } from '@hono/node-server';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_BODY_LIMIT } from '../app.ts';
import { openStorage, type Storage } from '../storage/index.ts';
import { harness, PASSWORD } from '../testing/harness.ts';

interface Answer {
	status: number;
	connection: string | undefined;
	socketReused: boolean;
}

describe('Connection: close only when the request body was left unread', () => {
	let storage: Storage;
	let server: ServerType;
	let port = 0;
	const agent = new Agent({ keepAlive: true, maxSockets: 1 });

	beforeAll(async () => {
		storage = await openStorage({ dataDir: ':memory:' });
		const h = await harness(storage);
		server = await new Promise((resolve) => {
			const s = serve({ fetch: h.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
		});
		port = (server.address() as AddressInfo).port;
	}, 60_000);
	afterAll(async () => {
		agent.destroy();
		await new Promise<void>((resolve) => {
			server.close(() => resolve());
			(server as { closeAllConnections?: () => void }).closeAllConnections?.();
		});
		await storage.close();
	});

	const post = (path: string, body: string) =>
		new Promise<Answer>((resolve, reject) => {
			const req = request(
				{
					host: '127.0.0.1',
					port,
					path,
					method: 'POST',
					agent,
					headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
				},
				(res) => {
					res.resume();
					res.on('end', () =>
						resolve({
							status: res.statusCode ?? 0,
							connection: res.headers.connection,
							socketReused: req.reusedSocket
						})
					);
				}
			);
			req.on('error', reject);
			req.end(body);
		});

	it('keeps the connection after a JSON body that was read, closes it after refused ones', async () => {
		const login = JSON.stringify({ username: 'agent1', password: PASSWORD });
		const first = await post('/api/auth/login', login);
		expect(first.status).toBe(200);
		expect(first.connection).not.toBe('close');
		const second = await post('/api/auth/login', login);
		expect(second.status).toBe(200);
		expect(second.connection).not.toBe('close');
		expect(second.socketReused).toBe(true);

		// Outside /api nothing reads a body: it is refused unread.
		const unknown = await post('/nope', login);
		expect(unknown.status).toBe(404);
		expect(unknown.connection).toBe('close');
		// Under /api the JSON body reader took it in before the 404, so the connection stays.
		const apiUnknown = await post('/api/nope', login);
		expect(apiUnknown.status).toBe(404);
		expect(apiUnknown.connection).not.toBe('close');

		const big = await post(
			'/api/auth/login',
			JSON.stringify({ pad: 'x'.repeat(API_BODY_LIMIT + 1) })
		);
		expect(big.status).toBe(413);
		expect(big.connection).toBe('close');
		// The client then opens a fresh connection and is answered.
		const after = await post('/api/auth/login', login);
		expect(after.status).toBe(200);
	}, 60_000);
});
