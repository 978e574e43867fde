/**
 * `npm run bench:signalling`: our signalling vs the reference `peer` package (peerjs-server),
 * same run, loopback only. For each: connect N peers (pairs of one booking) with the same ids and
 * the same credential strings (the reference accepts any token), let them sit idle, measure memory
 * per peer (after full GCs, minus the server's memory before the first peer; the server confirms it
 * holds all N open), then relay ping-pong CANDIDATE messages between every pair for a fixed time.
 * BENCH_PEERS (default 10000) and BENCH_SECONDS (default 10) bound it.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import WebSocket from 'ws';
import { witnessPeerId } from '../../server/signalling/authority.ts';
import { HmacAuthority } from '../../server/signalling/credentials.ts';

const PEERS = Math.min(Number(process.env.BENCH_PEERS ?? 10_000), 40_000) & ~1;
const SECONDS = Math.min(Number(process.env.BENCH_SECONDS ?? 10), 60);
const BATCH = 250;
const BENCH_SECRET = 'bench-secret-bench-secret-bench-secret-01';

interface Mem {
	rss: number;
	heapUsed: number;
	external: number;
	/** Peers the server holds open. */
	peers: number;
}

interface Result {
	server: string;
	peers: number;
	connectSeconds: number;
	rssPerPeerKiB: number;
	heapPerPeerKiB: number;
	externalPerPeerKiB: number;
	messagesPerSecond: number;
	rssMiB: number;
}

function startServer(kind: string): Promise<{ child: ChildProcess; port: number }> {
	const child = fork(join(import.meta.dirname, 'signalling-server.ts'), [kind], {
		execArgv: ['--import', 'tsx', '--expose-gc'],
		env: { ...process.env, BENCH_SECRET },
		stdio: ['ignore', 'ignore', 'inherit', 'ipc']
	});
	return new Promise((resolve, reject) => {
		child.once('message', (m) => resolve({ child, port: (m as { port: number }).port }));
		child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
	});
}

function memory(child: ChildProcess): Promise<Mem> {
	return new Promise((resolve) => {
		child.once('message', (m) => resolve(m as Mem));
		child.send('mem');
	});
}

/** Opens one peer and resolves once the server said OPEN. */
function openPeer(url: string): Promise<WebSocket> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url, { perMessageDeflate: false });
		ws.once('message', (data) => {
			const type = (JSON.parse(String(data)) as { type: string }).type;
			if (type === 'OPEN') resolve(ws);
			else reject(new Error(`expected OPEN, got ${type}`));
		});
		ws.once('error', reject);
	});
}

async function bench(kind: 'ours' | 'reference'): Promise<Result> {
	const { child, port } = await startServer(kind);
	const authority = new HmacAuthority(BENCH_SECRET);
	const base = await memory(child);
	const ids: string[] = [];
	const urls: string[] = [];
	for (let i = 0; i < PEERS; i++) {
		const role = i % 2 === 0 ? 'customer' : 'agent';
		const booking = `bench-${i >> 1}`;
		const id = witnessPeerId(booking, role);
		const token = authority.issue({ bookingId: booking, role });
		const path = kind === 'ours' ? '/api/witness/signal/peerjs' : '/peerjs';
		const key = kind === 'ours' ? 'kaihu' : 'peerjs';
		ids.push(id);
		urls.push(`ws://127.0.0.1:${port}${path}?key=${key}&id=${id}&token=${token}&version=1.5.5`);
	}
	const t0 = performance.now();
	const sockets: WebSocket[] = [];
	for (let i = 0; i < PEERS; i += BATCH) {
		sockets.push(...(await Promise.all(urls.slice(i, i + BATCH).map(openPeer))));
	}
	const connectSeconds = (performance.now() - t0) / 1000;
	// Idle, as a waiting call is: every OPEN was answered; let the last handshakes settle.
	await new Promise((r) => setTimeout(r, 1000));
	const held = await memory(child);
	if (held.peers !== PEERS)
		throw new Error(`${kind}: server holds ${held.peers} of ${PEERS} peers`);
	if (sockets.some((ws) => ws.readyState !== WebSocket.OPEN))
		throw new Error(`${kind}: a socket closed`);

	// Ping-pong between the two peers of every booking; each delivery triggers the reply.
	let delivered = 0;
	let running = true;
	sockets.forEach((ws, i) => {
		const dst = ids[i ^ 1]!;
		const msg = JSON.stringify({
			type: 'CANDIDATE',
			dst,
			payload: { connectionId: 'mc_b', candidate: 'x'.repeat(200) }
		});
		ws.on('message', () => {
			delivered++;
			if (running) ws.send(msg);
		});
		if (i % 2 === 0) ws.send(msg);
	});
	const m0 = delivered;
	const s0 = performance.now();
	await new Promise((r) => setTimeout(r, SECONDS * 1000));
	const messagesPerSecond = (delivered - m0) / ((performance.now() - s0) / 1000);
	running = false;

	for (const ws of sockets) ws.terminate();
	child.kill();
	return {
		server: kind === 'ours' ? 'kaihu (ws; routes on Hono)' : 'peer@1.0.2 (reference)',
		peers: sockets.length,
		connectSeconds: +connectSeconds.toFixed(2),
		rssPerPeerKiB: +((held.rss - base.rss) / 1024 / PEERS).toFixed(2),
		heapPerPeerKiB: +((held.heapUsed - base.heapUsed) / 1024 / PEERS).toFixed(2),
		externalPerPeerKiB: +((held.external - base.external) / 1024 / PEERS).toFixed(2),
		messagesPerSecond: Math.round(messagesPerSecond),
		rssMiB: Math.round(held.rss / 1024 / 1024)
	};
}

const results: Result[] = [];
for (const kind of ['ours', 'reference'] as const) {
	results.push(await bench(kind));
	await new Promise((r) => setTimeout(r, 1000));
}
console.log(`\nsignalling bench: ${PEERS} peers, ${SECONDS}s ping-pong, loopback`);
console.table(results);
const [ours, ref] = results as [Result, Result];
const vs = (a: number, b: number) => `${a} vs ${b} KiB (${(a / b).toFixed(2)}×)`;
console.log(
	`memory per idle peer, ours vs reference: RSS ${vs(ours.rssPerPeerKiB, ref.rssPerPeerKiB)}, ` +
		`heap ${vs(ours.heapPerPeerKiB, ref.heapPerPeerKiB)}`
);
process.exit(0);
