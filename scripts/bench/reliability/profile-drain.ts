/**
 * Where the time of a submission's job goes (issue #16): runs the production bundle under
 * `node --cpu-prof` (every thread: the API's, the form PDF renderer's), sends
 * `KAIHU_PROFILE_SUBMITS` (200) fresh submits at concurrency 10, waits until every job is done,
 * stops the server gracefully (so V8 writes the profiles) and prints, per thread, the busy CPU
 * time per job, the share of each package and the top self time. The profiles stay in
 * `reports/profile-drain/` for a closer look in DevTools.
 *
 * `tsx scripts/bench/reliability/profile-drain.ts`
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { generateKey } from '../../../server/security/pii.ts';
import { freePort, OwnServer, ROOT } from '../../../tests/e2e/own-server.ts';
import { cannon } from './cannon.ts';
import { submissions } from './chaos-workload.ts';
import { createApps, type App } from './load.ts';

process.env.KAIHU_OWN_SERVER_BUNDLE ??= join('reports', 'kaihu-server.mjs');
const SUBMITS = Number(process.env.KAIHU_PROFILE_SUBMITS ?? 200);
const DIR = join(ROOT, 'reports', 'profile-drain');

interface Frame {
	functionName: string;
	url: string;
}
interface Profile {
	startTime: number;
	nodes: { id: number; callFrame: Frame }[];
	samples: number[];
	timeDeltas: number[];
}

/** Monotonic µs, the clock V8 stamps profile samples with (CLOCK_MONOTONIC on Linux). */
const nowUs = () => Number(process.hrtime.bigint() / 1000n);

/** A frame's package (`pdf-lib`, `@pdf-lib/fontkit`, …), or its file for code outside node_modules. */
function owner(f: Frame): string {
	if (!f.url) return f.functionName;
	const [, pkg] = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f.url) ?? [];
	return pkg ?? f.url.split('/').slice(-2).join('/');
}

/** Busy time (µs) in `[from, to]`, by package and by function (self time). */
function busyOf(p: Profile, from: number, to: number) {
	const byId = new Map(p.nodes.map((n) => [n.id, n.callFrame]));
	const pkgs = new Map<string, number>();
	const self = new Map<string, number>();
	let busy = 0;
	let t = p.startTime;
	p.samples.forEach((id, i) => {
		const dt = p.timeDeltas[i] ?? 0;
		t += dt;
		const f = byId.get(id)!;
		if (t < from || t > to || f.functionName === '(idle)' || f.functionName === '(program)') return;
		busy += dt;
		const pkg = owner(f);
		pkgs.set(pkg, (pkgs.get(pkg) ?? 0) + dt);
		const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}`;
		self.set(key, (self.get(key) ?? 0) + dt);
	});
	return { busy, pkgs, self };
}

async function settled(origin: string, app: App): Promise<boolean> {
	const res = await fetch(`${origin}/api/applications/${app.id}`, {
		headers: { authorization: `Bearer ${app.token}` }
	});
	return ((await res.json()) as { state: string }).state !== 'submitted';
}

rmSync(DIR, { recursive: true, force: true });
mkdirSync(DIR, { recursive: true });
const dataKey = generateKey();
const server = new OwnServer(
	await freePort(),
	undefined,
	{ KAIHU_DATA_KEY: dataKey, KAIHU_WEB_PUSH: 'off' },
	['--cpu-prof', `--cpu-prof-dir=${DIR}`]
);
await server.start();
let from = 0;
let answered = 0;
let to = 0;
let row: Awaited<ReturnType<typeof cannon>>;
try {
	const o = server.origin;
	const target = { dataDir: server.dataDir, dataKey };
	const bodies = submissions(SUBMITS + 1);
	// One job first: the renderer's thread starts and parses the form font outside the window.
	const [first] = await createApps(o, target, 1);
	const warm = await fetch(`${o}/api/applications/${first!.id}/submit`, {
		method: 'POST',
		headers: { authorization: `Bearer ${first!.token}`, 'content-type': 'application/json', 'idempotency-key': 'profile-warm-up' }, // prettier-ignore
		body: JSON.stringify(bodies[0])
	});
	if (warm.status !== 200) throw new Error(`first submit: ${warm.status} ${await warm.text()}`);
	while (!(await settled(o, first!))) await new Promise((r) => setTimeout(r, 100));
	const apps = await createApps(o, target, SUBMITS);
	let next = 0;
	from = nowUs();
	row = await cannon({
		target: 'kaihu submit (fresh, full path)',
		url: `${o}/api/applications`,
		method: 'POST',
		connections: 10,
		amount: SUBMITS,
		setupRequest: (req) => {
			const i = next++ % SUBMITS;
			return {
				...req,
				path: `/api/applications/${apps[i]!.id}/submit`,
				headers: {
					authorization: `Bearer ${apps[i]!.token}`,
					'content-type': 'application/json',
					'idempotency-key': `profile-${apps[i]!.id}`
				},
				body: JSON.stringify(bodies[i + 1])
			};
		}
	});
	answered = nowUs();
	for (const app of apps)
		while (!(await settled(o, app))) await new Promise((r) => setTimeout(r, 50));
	to = nowUs();
} finally {
	await server.stop();
}

const secs = (us: number) => us / 1e6;
console.log(
	`${SUBMITS} submits at ${row.rps}/s (bad ${row.bad}), answered in ${secs(answered - from).toFixed(2)} s; ` +
		`all jobs done after ${secs(to - from).toFixed(2)} s: ${Math.round(SUBMITS / secs(to - from))}/s`
);
for (const file of readdirSync(DIR).filter((f) => f.endsWith('.cpuprofile'))) {
	const { busy, pkgs, self } = busyOf(
		JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Profile,
		from,
		to
	);
	if (busy < 50_000) continue; // threads that slept through the window (loader hooks)
	const pct = (us: number) => `${((100 * us) / busy).toFixed(1)} %`.padStart(7);
	console.log(`\n${file}: busy ${Math.round(busy / 1000)} ms, ${(busy / 1000 / SUBMITS).toFixed(1)} ms per submission`); // prettier-ignore
	for (const [k, us] of [...pkgs].sort((a, b) => b[1] - a[1]).slice(0, 10))
		console.log(`  ${pct(us)}  ${k}`);
	console.log('  top self time:');
	for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15))
		console.log(`  ${pct(us)}  ${k}`);
}
