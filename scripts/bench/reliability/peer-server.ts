/**
 * The named peers the load bench compares Kaihu with on the same machine and in the same run: a
 * bare `node:http` server and a bare Hono app (`@hono/node-server`), each answering `GET /` with
 * a small JSON body. Run as its own process (`tsx peer-server.ts node|hono`); prints `PORT <n>`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const kind = process.argv[2];
const BODY = JSON.stringify({ ok: true, hello: 'world' });

if (kind === 'node') {
	const server = createServer((_req, res) => {
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(BODY);
	});
	server.listen(0, '127.0.0.1', () =>
		console.log(`PORT ${(server.address() as AddressInfo).port}`)
	);
} else if (kind === 'hono') {
	const app = new Hono().get('/', (c) => c.json({ ok: true, hello: 'world' }));
	const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
	server.once('listening', () => console.log(`PORT ${(server.address() as AddressInfo).port}`));
} else {
	throw new Error('usage: peer-server.ts node|hono');
}
