/**
 * Soak: the production bundle (SQLite) under a steady mixed load for `KAIHU_SOAK_SECONDS`
 * (default 600) while a probe inside the server samples memory every `KAIHU_SOAK_SAMPLE_MS`
 * (default 10 000) after a full GC, so the samples show what is retained rather than garbage.
 * Load: autocannon at `KAIHU_SOAK_RATE` requests/s (default 200) over status reads, submit
 * replays, new intake records and health; beside it a fresh full submit and a witness signalling
 * pair (connect, one message each way, close) every 2 s.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import autocannon from 'autocannon';
import WebSocket from 'ws';
import { witnessPeerId } from '../../../server/signalling/authority.ts';
import { HmacAuthority } from '../../../server/signalling/credentials.ts';
import { sleep, submissions } from './chaos-workload.ts';
import { createApps, startKaihu } from './load.ts';
import { round, slope } from './stats.ts';

const SECRET = 'soak-secret-soak-secret-soak-secret-0001';

/** Runs inside the server (`--import` data URL): appends one JSON line per sample. */
const PROBE = `import fs from 'node:fs'; import v8 from 'node:v8'; import vm from 'node:vm';
v8.setFlagsFromString('--expose-gc'); const gc = vm.runInNewContext('gc');
const sample = () => { gc(); const m = process.memoryUsage();
 fs.appendFileSync(process.env.KAIHU_MEM_PROBE, JSON.stringify({ t: Date.now(), rss: m.rss, heap: m.heapUsed }) + '\\n'); };
sample(); setInterval(sample, Number(process.env.KAIHU_SOAK_SAMPLE_MS || 10000)).unref();`;

/** MiB, from the first sample under load; slopes by least squares, MiB per minute. */
export interface MemSummary {
	start: number;
	end: number;
	max: number;
	slopePerMin: number;
	/** The slope of the second half only: warm-up (JIT, caches) is over, a leak is not. */
	lateSlopePerMin: number;
}

export interface SoakResult {
	seconds: number;
	samples: number;
	requests: number;
	bad: number;
	p99Ms: number;
	freshSubmits: number;
	signallingPairs: number;
	rssMiB: MemSummary;
	heapMiB: MemSummary;
}

async function signallingPair(port: number, n: number): Promise<boolean> {
	const auth = new HmacAuthority(SECRET);
	const peer = (role: 'customer' | 'agent') => {
		const id = witnessPeerId(`soak-${n}`, role);
		const token = auth.issue({ bookingId: `soak-${n}`, role });
		return { id, ws: new WebSocket(`ws://127.0.0.1:${port}/api/witness/signal/peerjs?key=kaihu&id=${id}&token=${token}&version=1.5.5`) }; // prettier-ignore
	};
	const a = peer('customer');
	const b = peer('agent');
	try {
		const opened = (p: { ws: WebSocket }) =>
			new Promise((r, j) => (p.ws.once('message', r), p.ws.once('error', j)));
		await Promise.all([opened(a), opened(b)]);
		const got = new Promise((r) => b.ws.once('message', r));
		a.ws.send(JSON.stringify({ type: 'CANDIDATE', dst: b.id, payload: { candidate: 'soak' } }));
		await Promise.race([got, sleep(5000).then(() => Promise.reject(new Error('no relay')))]);
		return true;
	} catch {
		return false;
	} finally {
		a.ws.terminate();
		b.ws.terminate();
	}
}

export async function runSoak(): Promise<SoakResult> {
	const seconds = Number(process.env.KAIHU_SOAK_SECONDS ?? 600);
	const probeFile = join(import.meta.dirname, '..', '..', '..', 'reports', `soak-mem-${process.pid}.jsonl`); // prettier-ignore
	mkdirSync(dirname(probeFile), { recursive: true });
	const { server, target } = await startKaihu({
		SIGNALLING_SECRET: SECRET,
		KAIHU_MEM_PROBE: probeFile,
		NODE_OPTIONS: `--import=data:text/javascript,${encodeURIComponent(PROBE)}`
	});
	const o = server.origin;
	try {
		const [app] = await createApps(o, target, 1);
		const bodies = submissions(650);
		const auth = { authorization: `Bearer ${app!.token}`, 'content-type': 'application/json' };
		const replay = { ...auth, 'idempotency-key': 'soak-replay-key' };
		const first = await fetch(`${o}/api/applications/${app!.id}/submit`, { method: 'POST', headers: replay, body: JSON.stringify(bodies[0]) }); // prettier-ignore
		if (first.status !== 200) throw new Error(`soak: first submit ${first.status}`);
		let running = true;
		let freshSubmits = 0;
		let signallingPairs = 0;
		let sideBad = 0;
		const side = (async () => {
			for (let n = 1; running; n++) {
				const [fresh] = await createApps(o, target, 1);
				const res = await fetch(`${o}/api/applications/${fresh!.id}/submit`, { method: 'POST', headers: { authorization: `Bearer ${fresh!.token}`, 'content-type': 'application/json', 'idempotency-key': `soak-${n}-key` }, body: JSON.stringify(bodies[n % bodies.length]) }); // prettier-ignore
				if (res.status === 200) freshSubmits++;
				else sideBad++;
				if (await signallingPair(server.port, n)) signallingPairs++;
				else sideBad++;
				await sleep(2000);
			}
		})();
		let bad = 0;
		const loadStart = Date.now();
		const result = await autocannon({
			url: o,
			connections: 10,
			overallRate: Number(process.env.KAIHU_SOAK_RATE ?? 200),
			duration: seconds,
			requests: (
				[
					{ method: 'GET', path: `/api/applications/${app!.id}`, headers: auth },
					{ method: 'POST', path: `/api/applications/${app!.id}/submit`, headers: replay, body: JSON.stringify(bodies[0]) }, // prettier-ignore
					{
						method: 'POST',
						path: '/api/records',
						setupRequest: (req: autocannon.Request) => ({
							...req,
							headers: { 'content-type': 'application/json' },
							body: JSON.stringify({ id: crypto.randomUUID(), idempotencyKey: crypto.randomUUID(), kind: 'soak', payload: { n: 1 }, blobs: [] }) // prettier-ignore
						})
					},
					{ method: 'GET', path: '/api/health' }
				] satisfies autocannon.Request[]
			).map((r): autocannon.Request => ({
				...r,
				onResponse: (status: number) => {
					if (status >= 300) bad++;
				}
			}))
		});
		running = false;
		await side;
		await sleep(Number(process.env.KAIHU_SOAK_SAMPLE_MS ?? 10_000) + 500);
		const samples = readFileSync(probeFile, 'utf8')
			.trim()
			.split('\n')
			.map((l) => JSON.parse(l) as { t: number; rss: number; heap: number })
			.filter((s) => s.t >= loadStart);
		const mins = samples.map((s) => (s.t - loadStart) / 60_000);
		const half = Math.floor(samples.length / 2);
		const summary = (xs: number[]): MemSummary => ({
			start: round(xs[0]! / 2 ** 20),
			end: round(xs[xs.length - 1]! / 2 ** 20),
			max: round(Math.max(...xs) / 2 ** 20),
			slopePerMin: round(slope(mins, xs) / 2 ** 20, 2),
			lateSlopePerMin: round(slope(mins.slice(half), xs.slice(half)) / 2 ** 20, 2)
		});
		return {
			seconds,
			samples: samples.length,
			requests: result.requests.total,
			bad: bad + sideBad + result.errors + result.timeouts,
			p99Ms: result.latency.p99,
			freshSubmits,
			signallingPairs,
			rssMiB: summary(samples.map((s) => s.rss)),
			heapMiB: summary(samples.map((s) => s.heap))
		};
	} finally {
		await server.kill();
	}
}
