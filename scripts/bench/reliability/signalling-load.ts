/**
 * Signalling under load at fixed concurrency: C pairs of peers (one booking each) on our server
 * and on the reference `peer` package (peerjs-server), same run, loopback, each in its own process
 * (`scripts/bench/signalling-server.ts`, our per-connection rate limit lifted: it would close a
 * connection that sends more than 20 messages/s, by design). Every pair keeps exactly one message in flight: A sends
 * a CANDIDATE, B answers, A measures the round trip (two relays) and sends again.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import WebSocket from 'ws';
import { witnessPeerId } from '../../../server/signalling/authority.ts';
import { HmacAuthority } from '../../../server/signalling/credentials.ts';
import type { LoadRow } from './cannon.ts';
import { quantile } from './stats.ts';

const SECRET = 'bench-secret-bench-secret-bench-secret-01';

function start(kind: 'ours' | 'reference'): Promise<{ child: ChildProcess; port: number }> {
	const child = fork(join(import.meta.dirname, '..', 'signalling-server.ts'), [kind], {
		execArgv: ['--import', 'tsx', '--expose-gc'],
		// Each connection here sends far above production's 20 messages/s: lift that limit.
		env: { ...process.env, BENCH_SECRET: SECRET, BENCH_RATE: '1000000' },
		stdio: ['ignore', 'ignore', 'inherit', 'ipc']
	});
	return new Promise((resolve, reject) => {
		child.once('message', (m) => resolve({ child, port: (m as { port: number }).port }));
		child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
	});
}

function open(url: string): Promise<WebSocket> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url, { perMessageDeflate: false });
		ws.once('message', (d) => {
			const type = (JSON.parse(String(d)) as { type: string }).type;
			if (type === 'OPEN') resolve(ws);
			else reject(new Error(`expected OPEN, got ${type}`));
		});
		ws.once('error', reject);
	});
}

/** One server at one concurrency: relayed messages per second and round-trip percentiles. */
export async function signallingLoad(
	kind: 'ours' | 'reference',
	pairs: number,
	seconds: number
): Promise<LoadRow> {
	const { child, port } = await start(kind);
	const authority = new HmacAuthority(SECRET);
	const url = (booking: string, role: 'customer' | 'agent', i: number) => {
		const id = witnessPeerId(booking, role);
		const token = kind === 'ours' ? authority.issue({ bookingId: booking, role }) : `t${i}`;
		const path = kind === 'ours' ? '/api/witness/signal/peerjs?key=kaihu' : '/peerjs?key=peerjs';
		return { id, url: `ws://127.0.0.1:${port}${path}&id=${id}&token=${token}&version=1.5.5` };
	};
	const rtts: number[] = [];
	let delivered = 0;
	let running = true;
	const sockets: WebSocket[] = [];
	let bad = 0;
	for (let p = 0; p < pairs; p++) {
		const a = url(`load-${p}`, 'customer', 2 * p);
		const b = url(`load-${p}`, 'agent', 2 * p + 1);
		const [wa, wb] = await Promise.all([open(a.url), open(b.url)]);
		sockets.push(wa, wb);
		const msg = (dst: string) =>
			JSON.stringify({ type: 'CANDIDATE', dst, payload: { connectionId: 'mc_l', candidate: 'x'.repeat(200) } }); // prettier-ignore
		let sent = 0;
		const ping = () => {
			sent = performance.now();
			wa.send(msg(b.id));
		};
		wb.on('message', () => {
			delivered++;
			wb.send(msg(a.id));
		});
		wa.on('message', (d) => {
			delivered++;
			if ((JSON.parse(String(d)) as { type: string }).type !== 'CANDIDATE') bad++;
			rtts.push(performance.now() - sent);
			if (running) ping();
		});
		wa.once('open', () => undefined);
		setImmediate(ping);
	}
	const t0 = performance.now();
	await new Promise((r) => setTimeout(r, seconds * 1000));
	running = false;
	const elapsed = (performance.now() - t0) / 1000;
	for (const ws of sockets) ws.terminate();
	child.kill();
	return {
		target:
			kind === 'ours' ? 'signalling: kaihu (ws; routes on Hono)' : 'signalling peer: peer@1.0.2',
		connections: pairs,
		requests: delivered,
		rps: Math.round(delivered / elapsed),
		p50Ms: +quantile(rtts, 0.5).toFixed(2),
		p99Ms: +quantile(rtts, 0.99).toFixed(2),
		bad
	};
}
