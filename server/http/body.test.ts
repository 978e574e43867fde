import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferedBody } from './body.ts';
import { onError } from './errors.ts';

/** Over a real socket, where the body comes from Node's request (not a fetch `Request`). */
describe('bufferedBody over a socket', () => {
	let server: ServerType;
	let port = 0;
	beforeAll(async () => {
		const app = new Hono();
		app.use('*', bufferedBody(1024));
		app.post('/echo', async (c) => c.json({ got: await c.req.json() }));
		app.post('/empty', async (c) => c.json({ text: await c.req.text() }));
		app.onError(onError);
		server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
		await new Promise((r) => server.once('listening', r));
		port = (server.address() as AddressInfo).port;
	});
	afterAll(() => new Promise((r) => server.close(r)));

	/** Sends `chunks` (chunked when `length` is omitted) and returns status and body. */
	function send(path: string, chunks: string[], length?: number) {
		return new Promise<{ status: number; body: string }>((resolve, reject) => {
			const req = request(
				{
					host: '127.0.0.1',
					port,
					path,
					method: 'POST',
					headers: {
						'content-type': 'application/json',
						...(length === undefined ? {} : { 'content-length': String(length) })
					}
				},
				(res) => {
					let body = '';
					res.setEncoding('utf8');
					res.on('data', (d: string) => (body += d));
					res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
				}
			);
			req.on('error', reject);
			for (const c of chunks) req.write(c);
			req.end();
		});
	}

	it('parses a JSON body sent with a length, in several pieces, or chunked', async () => {
		const json = JSON.stringify({ name: '张三', n: 1 });
		expect(await send('/echo', [json], Buffer.byteLength(json))).toEqual({
			status: 200,
			body: JSON.stringify({ got: { name: '张三', n: 1 } })
		});
		const r = await send('/echo', [json.slice(0, 5), json.slice(5)]);
		expect(JSON.parse(r.body)).toEqual({ got: { name: '张三', n: 1 } });
		expect((await send('/empty', [], 0)).body).toBe('{"text":""}');
	});

	it('refuses a declared length over the limit, and a chunked body once it passes it', async () => {
		const declared = await send('/echo', [' '.repeat(5000)], 5000);
		expect(declared.status).toBe(413);
		expect(JSON.parse(declared.body).error.code).toBe('payload_too_large');
		const streamed = await send(
			'/echo',
			Array.from({ length: 8 }, () => ' '.repeat(512))
		);
		expect(streamed.status).toBe(413);
		expect(JSON.parse(streamed.body).error.code).toBe('payload_too_large');
		// The connection still answers the next request.
		expect((await send('/echo', ['[1]'], 3)).body).toBe('{"got":[1]}');
	});
});
