/**
 * A tiny loopback load balancer for scale-out tests: every new HTTP request and every WebSocket
 * upgrade goes to the next upstream in turn (round robin, no stickiness, no health checks; an
 * upstream that is down answers 502, as a plain balancer would). Keep-alive is off towards the
 * upstreams, so two requests of one browser connection can still land on different instances.
 */
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';

/** Appends the client's address to `X-Forwarded-For`, as balancers do. */
function forwardedFor(req: IncomingMessage): Record<string, string> {
	const prior = req.headers['x-forwarded-for'];
	const peer = req.socket.remoteAddress ?? '';
	return { 'x-forwarded-for': prior ? `${String(prior)}, ${peer}` : peer };
}

export interface RoundRobinProxy {
	origin: string;
	port: number;
	/** How many requests and upgrades each upstream got, by index (HTTP, WebSocket). */
	counts: { http: number[]; ws: number[] };
	/** The upstream index each WebSocket upgrade went to, with its request path, in order. */
	upgrades: { upstream: number; path: string }[];
	close(): Promise<void>;
}

/** Starts the proxy on `127.0.0.1:port` (0 = any free port) in front of `upstreams` (ports). */
export async function startRoundRobinProxy(
	upstreams: readonly number[],
	port = 0
): Promise<RoundRobinProxy> {
	// Requests and upgrades take turns separately: two WebSockets opened one after the other (a
	// witness call's two parties) always land on different instances, whatever HTTP ran between.
	const turns = { http: 0, ws: 0 };
	const pick = (kind: 'http' | 'ws') => {
		const i = turns[kind];
		turns[kind] = (i + 1) % upstreams.length;
		return i;
	};
	const counts = { http: upstreams.map(() => 0), ws: upstreams.map(() => 0) };
	const upgrades: RoundRobinProxy['upgrades'] = [];
	const sockets = new Set<Socket>();
	const server: Server = createServer((req, res) => {
		const i = pick('http');
		counts.http[i]!++;
		const upstream = request(
			{
				host: '127.0.0.1',
				port: upstreams[i],
				method: req.method,
				path: req.url,
				headers: { ...req.headers, ...forwardedFor(req), connection: 'close' },
				agent: false
			},
			(up) => {
				res.writeHead(up.statusCode ?? 502, up.statusMessage, up.rawHeaders);
				up.pipe(res);
			}
		);
		upstream.on('error', () => {
			if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
			res.end();
		});
		req.on('aborted', () => upstream.destroy());
		res.on('close', () => upstream.destroy());
		req.pipe(upstream);
	});
	server.on('connection', (s) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	server.on('upgrade', (req: IncomingMessage, client: Socket, head: Buffer) => {
		const i = pick('ws');
		counts.ws[i]!++;
		upgrades.push({ upstream: i, path: req.url ?? '' });
		const up = connect(upstreams[i]!, '127.0.0.1', () => {
			// Replay the upgrade request as received, then splice the two sockets together.
			const lines = [`${req.method} ${req.url} HTTP/1.1`];
			for (let k = 0; k < req.rawHeaders.length; k += 2)
				lines.push(`${req.rawHeaders[k]}: ${req.rawHeaders[k + 1]}`);
			up.write(`${lines.join('\r\n')}\r\n\r\n`);
			if (head.length) up.write(head);
			up.pipe(client);
			client.pipe(up);
		});
		sockets.add(up);
		const end = () => {
			up.destroy();
			client.destroy();
		};
		up.on('error', end);
		up.on('close', end);
		client.on('error', end);
		client.on('close', end);
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	const addr = server.address();
	const bound = typeof addr === 'object' && addr ? addr.port : port;
	return {
		origin: `http://127.0.0.1:${bound}`,
		port: bound,
		counts,
		upgrades,
		close: () =>
			new Promise<void>((resolve) => {
				for (const s of sockets) s.destroy();
				server.close(() => resolve());
			})
	};
}
