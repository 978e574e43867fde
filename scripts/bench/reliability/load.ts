/**
 * Load: the submission API under autocannon at fixed concurrency on loopback, next to two named
 * peers measured in the same run on the same machine (bare `node:http`, bare Hono), so the
 * numbers say how much the real stack costs. Kaihu runs as its production bundle (SQLite).
 *
 * Kaihu targets: `GET /api/health`; the customer's status read (capability token, three
 * queries); a replayed submit (idempotency lookup); a new intake record per request (insert);
 * and fresh submits (full re-validation, registry check, one transaction; the form PDF and face
 * re-check run in the server's job drainer, reported as a second row: until the last job is
 * done), each on its own pre-created application, with a health probe running alongside from the
 * first submit until the last job is done (its latency is what everyone else sees meanwhile).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { generateKey } from '../../../server/security/pii.ts';
import { freePort, OwnServer } from '../../../tests/e2e/own-server.ts';
import { backgroundCannon, cannon, type CannonOptions, type LoadRow } from './cannon.ts';
import { clearCreateThrottle, type Target } from './chaos-verify.ts';
import { submissions } from './chaos-workload.ts';

const SECONDS = Number(process.env.KAIHU_LOAD_SECONDS ?? 10);
const FRESH_SUBMITS = Number(process.env.KAIHU_LOAD_SUBMITS ?? 200);
/** `KAIHU_LOAD_ONLY=submit`: only the peers and the fresh submits (no other Kaihu rows). */
export const SUBMIT_ONLY = process.env.KAIHU_LOAD_ONLY === 'submit';
/** `KAIHU_LOAD_ONLY=hot`: only the peers and the per-request rows (no fresh submits, no signalling). */
export const HOT_ONLY = process.env.KAIHU_LOAD_ONLY === 'hot';
/** `KAIHU_LOAD_ONLY=records`: only the peers and the two rows against bare Hono (health, records). */
export const RECORDS_ONLY = process.env.KAIHU_LOAD_ONLY === 'records';
export const CONCURRENCY = [10, 50];

function startPeer(kind: 'node' | 'hono'): Promise<{ child: ChildProcess; url: string }> {
	const child = spawn(
		process.execPath,
		['--import', 'tsx', join(import.meta.dirname, 'peer-server.ts'), kind],
		{
			stdio: ['ignore', 'pipe', 'inherit']
		}
	);
	return new Promise((resolve, reject) => {
		child.stdout?.on('data', (d: Buffer) => {
			const port = /PORT (\d+)/.exec(d.toString())?.[1];
			if (port) resolve({ child, url: `http://127.0.0.1:${port}/` });
		});
		child.once('exit', (code) => reject(new Error(`peer ${kind} exited with ${code}`)));
	});
}

export interface App {
	id: string;
	token: string;
}

/** Creates `n` applications (clearing the per-address create limit as it goes). */
export async function createApps(origin: string, target: Target, n: number): Promise<App[]> {
	const apps: App[] = [];
	for (let i = 0; i < n; i++) {
		if (i % 90 === 0) await clearCreateThrottle(target);
		const res = await fetch(`${origin}/api/applications`, { method: 'POST', body: '{}' });
		if (res.status !== 201) throw new Error(`create: ${res.status}`);
		apps.push((await res.json()) as App);
	}
	return apps;
}

/** Starts the Kaihu bundle on SQLite with a known data key (the soak reuses it). */
export async function startKaihu(env: Record<string, string> = {}) {
	const dataKey = generateKey();
	const server = new OwnServer(await freePort(), undefined, {
		KAIHU_DATA_KEY: dataKey,
		KAIHU_WEB_PUSH: 'off',
		...env
	});
	await server.start();
	return { server, target: { dataDir: server.dataDir, dataKey } satisfies Target };
}

/**
 * The submissions' jobs (form PDF, face re-check) finish after the answers: waits until every
 * application submitted has left `submitted` and reports the rate from the first submit to then.
 * Jobs are claimed oldest first but several run at once, so the last one may not end last: the
 * newest is awaited first (most of the wait), then every other one is checked, 20 at a time (a
 * few tens of milliseconds for 200: the row errs on the slow side), and awaited if need be.
 */
async function drained(o: string, apps: App[], connections: number, started: number) {
	const settled = async (app: App) => {
		const res = await fetch(`${o}/api/applications/${app.id}`, {
			headers: { authorization: `Bearer ${app.token}` }
		});
		return ((await res.json()) as { state: string }).state !== 'submitted';
	};
	const wait = async (app: App) => {
		while (!(await settled(app))) await new Promise((r) => setTimeout(r, 100));
	};
	await wait(apps.at(-1)!);
	for (let i = 0; i < apps.length - 1; i += 20)
		await Promise.all(apps.slice(i, Math.min(i + 20, apps.length - 1)).map(wait));
	const s = (performance.now() - started) / 1000;
	const row: LoadRow = {
		target: 'kaihu submission jobs done (PDF + face)',
		connections,
		requests: apps.length,
		rps: Math.round(apps.length / s),
		p50Ms: 0,
		p99Ms: 0,
		bad: 0
	};
	return row;
}

const SLICES = 3;

/**
 * A Kaihu row measured in slices alternating with bare Hono at the same concurrency (H K H K H K),
 * so a machine whose load drifts during the run (other jobs on shared cores) weighs on both alike;
 * the row carries bare Hono's rate of those slices as `adjacentHonoRps`.
 */
async function interleaved(o: CannonOptions, honoUrl: string): Promise<LoadRow> {
	const d = Math.max(1, Math.round((o.duration ?? SECONDS) / SLICES));
	let hono = 0;
	const parts: LoadRow[] = [];
	for (let i = 0; i < SLICES; i++) {
		hono += (await cannon({ target: 'hono', url: honoUrl, connections: o.connections, duration: d })).requests; // prettier-ignore
		parts.push(await cannon({ ...o, duration: d }));
	}
	const requests = parts.reduce((n, r) => n + r.requests, 0);
	const p50s = parts.map((r) => r.p50Ms).sort((a, b) => a - b);
	return {
		target: o.target,
		connections: o.connections,
		requests,
		rps: Math.round(requests / (SLICES * d)),
		p50Ms: p50s[Math.floor(SLICES / 2)] ?? 0,
		p99Ms: Math.max(...parts.map((r) => r.p99Ms)),
		bad: parts.reduce((n, r) => n + r.bad, 0),
		adjacentHonoRps: Math.round(hono / (SLICES * d))
	};
}

export async function runLoad(): Promise<LoadRow[]> {
	const rows: LoadRow[] = [];
	for (const kind of ['node', 'hono'] as const) {
		const peer = await startPeer(kind);
		const name = kind === 'node' ? 'peer: node:http hello' : 'peer: bare Hono hello';
		for (const c of CONCURRENCY)
			rows.push(await cannon({ target: name, url: peer.url, connections: c, duration: SECONDS }));
		peer.child.kill();
	}
	// Bare Hono again, alongside the two target rows (health, records): see `interleaved`.
	const hono = SUBMIT_ONLY ? undefined : await startPeer('hono');

	const { server, target } = await startKaihu();
	try {
		const o = server.origin;
		const bodies = submissions(1 + FRESH_SUBMITS * CONCURRENCY.length);
		const [first] = await createApps(o, target, 1);
		const auth = { authorization: `Bearer ${first!.token}`, 'content-type': 'application/json' };
		const submitUrl = `${o}/api/applications/${first!.id}/submit`;
		const firstBody = JSON.stringify(bodies[0]);
		const once = await fetch(submitUrl, {
			method: 'POST',
			headers: { ...auth, 'idempotency-key': 'bench-replay-key' },
			body: firstBody
		});
		if (once.status !== 200) throw new Error(`first submit: ${once.status}`);
		// Its job (the first PDF parses the form font, about a second of CPU) ends before any row.
		await drained(o, [first!], 1, performance.now());
		for (const c of SUBMIT_ONLY ? [] : CONCURRENCY) {
			const d = SECONDS;
			rows.push(await interleaved({ target: 'kaihu GET /api/health', url: `${o}/api/health`, connections: c, duration: d }, hono!.url)); // prettier-ignore
			if (!RECORDS_ONLY) rows.push(await cannon({ target: 'kaihu status (GET application)', url: `${o}/api/applications/${first!.id}`, headers: auth, connections: c, duration: d })); // prettier-ignore
			if (!RECORDS_ONLY) rows.push(await cannon({ target: 'kaihu submit replay', url: submitUrl, method: 'POST', headers: { ...auth, 'idempotency-key': 'bench-replay-key' }, body: firstBody, connections: c, duration: d })); // prettier-ignore
			rows.push(
				await interleaved(
					{
						target: 'kaihu POST /api/records (new)',
						url: `${o}/api/records`,
						method: 'POST',
						expect: 201,
						connections: c,
						duration: d,
						setupRequest: (req) => ({
							...req,
							headers: { 'content-type': 'application/json' },
							body: JSON.stringify({
								id: crypto.randomUUID(),
								idempotencyKey: crypto.randomUUID(),
								kind: 'bench',
								payload: { n: 1 },
								blobs: []
							})
						})
					},
					hono!.url
				)
			);
		}
		for (const [k, c] of HOT_ONLY || RECORDS_ONLY ? [] : CONCURRENCY.entries()) {
			const apps = await createApps(o, target, FRESH_SUBMITS);
			const mine = bodies.slice(1 + k * FRESH_SUBMITS, 1 + (k + 1) * FRESH_SUBMITS);
			let next = 0;
			// One prober on /api/health from the first submit until the last job is done: what a
			// flood of submissions and their PDF + face jobs does to everyone else's answers.
			const probe = backgroundCannon({
				target: 'during the flood: GET /api/health, 1 conn (no ratio)',
				url: `${o}/api/health`,
				connections: 1
			});
			const started = performance.now();
			rows.push(
				await cannon({
					target: 'kaihu submit (fresh, full path)',
					url: `${o}/api/applications`,
					method: 'POST',
					connections: c,
					amount: FRESH_SUBMITS,
					setupRequest: (req) => {
						const i = next++ % FRESH_SUBMITS;
						return {
							...req,
							path: `/api/applications/${apps[i]!.id}/submit`,
							headers: {
								authorization: `Bearer ${apps[i]!.token}`,
								'content-type': 'application/json',
								'idempotency-key': `bench-${apps[i]!.id}`
							},
							body: JSON.stringify(mine[i])
						};
					}
				})
			);
			rows.push(await drained(o, apps, c, started));
			rows.push({ ...(await probe.stop()), connections: c });
		}
	} finally {
		hono?.child.kill();
		await server.kill();
	}
	return rows;
}
