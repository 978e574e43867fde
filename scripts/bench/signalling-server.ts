/**
 * One signalling server for the bench, in its own process so its memory can be measured:
 * `ours` (server/signalling on Hono) or `reference` (the `peer` npm package, peerjs-server).
 * Sends `{ port }` over IPC when listening; answers `mem` with memory after full GCs and the
 * number of peers the server itself holds open (so the bench knows every socket really opened).
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { PeerServer } from 'peer';
import { createApp } from '../../server/app.ts';
import { HmacAuthority } from '../../server/signalling/credentials.ts';
import { createSignalling } from '../../server/signalling/index.ts';
import { openStorage } from '../../server/storage/index.ts';

const kind = process.argv[2];

function report(port: number, peers: () => number): void {
	process.on('message', (msg) => {
		if (msg !== 'mem') return;
		// Several full GCs: weak references and finalizers need more than one pass to settle.
		for (let i = 0; i < 4; i++) globalThis.gc?.();
		const m = process.memoryUsage();
		process.send?.({ rss: m.rss, heapUsed: m.heapUsed, external: m.external, peers: peers() });
	});
	process.send?.({ port });
}

if (kind === 'ours') {
	const storage = await openStorage({ dataDir: ':memory:' });
	const signalling = createSignalling({
		authority: new HmacAuthority(process.env.BENCH_SECRET ?? ''),
		// BENCH_RATE lifts the per-connection message rate (production: 20/s, burst 80) so a load
		// test measures relaying, not the abuse limit.
		limits: {
			maxPeers: 1_000_000,
			...(process.env.BENCH_RATE
				? { ratePerSecond: Number(process.env.BENCH_RATE), burst: Number(process.env.BENCH_RATE) }
				: {})
		}
	});
	const app = createApp({ storage, version: 'bench', signalling });
	const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
	await new Promise<void>((resolve) => server.once('listening', resolve));
	signalling.inject(server);
	report((server.address() as AddressInfo).port, () => signalling.hub.sessions.size);
} else if (kind === 'reference') {
	let peers = 0;
	const app = PeerServer(
		{ host: '127.0.0.1', port: 0, path: '/', key: 'peerjs', concurrent_limit: 1_000_000 },
		(s) => report((s.address() as AddressInfo).port, () => peers)
	);
	app.on('connection', () => peers++);
	app.on('disconnect', () => peers--);
} else {
	throw new Error(`usage: signalling-server.ts ours|reference`);
}
