/**
 * Where the time of a `POST /api/records` goes (issue #16): runs the production bundle under
 * `node --cpu-prof`, sends new records at concurrency 10 for `KAIHU_PROFILE_SECONDS` (10), stops
 * the server gracefully (so V8 writes the profile) and prints the CPU time per record and the
 * share of busy samples in each part of the path (a sample belongs to the part of the frame
 * nearest its leaf that a part recognises: the SQLite driver's run inside Kysely's executor counts
 * as SQLite, a compile as Kysely). The profile stays in `reports/profile-records/` for a closer look in DevTools.
 *
 * `tsx scripts/bench/reliability/profile-records.ts`
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { generateKey } from '../../../server/security/pii.ts';
import { freePort, OwnServer, ROOT } from '../../../tests/e2e/own-server.ts';
import { cannon } from './cannon.ts';

process.env.KAIHU_OWN_SERVER_BUNDLE ??= join('reports', 'kaihu-server.mjs');
const SECONDS = Number(process.env.KAIHU_PROFILE_SECONDS ?? 10);
const DIR = join(ROOT, 'reports', 'profile-records');

interface Frame {
	functionName: string;
	url: string;
}
interface ProfileNode {
	id: number;
	callFrame: Frame;
	children?: number[];
}
interface Profile {
	startTime: number;
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

const fn = (...names: string[]) => {
	const set = new Set(names);
	// esbuild renames a clashing name in the bundle (`canonicalJson2`).
	return (f: Frame) => set.has(f.functionName.replace(/\d+$/, ''));
};
const url = (part: string) => (f: Frame) => f.url.includes(part);

/** The parts of the path, each recognised by a frame on the sample's stack. */
const PARTS: [string, (f: Frame) => boolean][] = [
	[
		'SQLite (better-sqlite3 + Kysely driver)',
		(f) => url('sqlite-driver')(f) || (fn('run', 'all', 'get')(f) && f.url === '')
	],
	['Kysely (query build, compile, executor)', url('/kysely/')],
	[
		'seal: AES-GCM + HMAC (pii.ts)',
		fn('encrypt', 'encryptJson', 'keyedHash', 'recordHash', 'sealRecordPayload', 'canonicalJson')
	],
	[
		'logging (log.ts, redact.ts, request-log)',
		fn(
			'logLine',
			'formatLine',
			'redact',
			'redactValue',
			'scrubText',
			'flushLogs',
			'matchedRoutes',
			'requestLine'
		)
	],
	[
		'body read (http/body.ts)',
		fn('readIncoming', 'untouchedIncoming', 'bufferedBody', 'onData', 'onEnd', 'readStream')
	],
	['security headers', fn('securityHeadersMiddleware', 'closeIfBodyUnread')],
	['zod', url('/zod/')],
	['hono', (f) => url('/hono/')(f) && !url('@hono/node-server')(f)],
	['@hono/node-server (incl. socket writes)', url('@hono/node-server')],
	['garbage collector', fn('(garbage collector)')],
	// The call only hands the fsync to libuv's pool (≈ 0.03 ms on the main thread, measured), yet
	// samples land on it while the loop waits: shown apart, not as the records' CPU.
	['fdatasync frame (durable answers; wait, not CPU)', fn('fdatasync')]
];

/** Monotonic µs, the clock V8 stamps profile samples with (CLOCK_MONOTONIC on Linux). */
const nowUs = () => Number(process.hrtime.bigint() / 1000n);

/** Busy time per part, counting only samples in `[from, to]` (the load, not the startup). */
function shares(profile: Profile, from: number, to: number) {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const parent = new Map<number, number>();
	for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
	// The part of a sample is that of the frame nearest its leaf that any part recognises.
	const memo = new Map<number, number>();
	const partOf = (id: number): number => {
		const hit = memo.get(id);
		if (hit !== undefined) return hit;
		const frame = byId.get(id)!.callFrame;
		let p = PARTS.findIndex(([, match]) => match(frame));
		const up = parent.get(id);
		if (p < 0) p = up === undefined ? PARTS.length : partOf(up);
		memo.set(id, p);
		return p;
	};
	const self = new Map<string, number>();
	const time = [...PARTS, 0].map(() => 0);
	let busy = 0;
	let t = profile.startTime;
	profile.samples.forEach((id, i) => {
		const dt = profile.timeDeltas[i] ?? 0;
		t += dt;
		if (t < from || t > to) return;
		const name = byId.get(id)!.callFrame.functionName;
		if (name === '(idle)' || name === '(program)') return;
		busy += dt;
		time[partOf(id)]! += dt;
		const f = byId.get(id)!.callFrame;
		const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}`;
		self.set(key, (self.get(key) ?? 0) + dt);
	});
	return { busy, time, self };
}

rmSync(DIR, { recursive: true, force: true });
mkdirSync(DIR, { recursive: true });
const server = new OwnServer(
	await freePort(),
	undefined,
	{ KAIHU_DATA_KEY: generateKey(), KAIHU_WEB_PUSH: 'off' },
	['--cpu-prof', `--cpu-prof-dir=${DIR}`]
);
await server.start();
const from = nowUs();
const row = await cannon({
	target: 'kaihu POST /api/records (new)',
	url: `${server.origin}/api/records`,
	method: 'POST',
	expect: 201,
	connections: 10,
	duration: SECONDS,
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
});
const to = nowUs();
await server.stop();
const file = readdirSync(DIR).find((f) => f.endsWith('.cpuprofile'));
if (!file) throw new Error(`no profile in ${DIR}`);
const { busy, time, self } = shares(
	JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Profile,
	from,
	to
);
const pct = (us: number) => `${((100 * us) / busy).toFixed(1)} %`;
console.log(`${row.requests} records at ${row.rps}/s (bad ${row.bad}); profile ${join(DIR, file)}`);
const perRecord = (us: number) => Math.round(us / Math.max(1, row.requests));
const wait = time[PARTS.length - 1]!;
console.log(
	`busy per record: ${perRecord(busy)} µs, without the fdatasync frame ${perRecord(busy - wait)} µs`
);
[...PARTS.map(([name]) => name), 'other (Node, Kaihu code outside these)'].forEach((name, i) =>
	console.log(`  ${pct(time[i]!).padStart(7)}  ${name}`)
);
console.log('top self time:');
for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
	console.log(`  ${pct(us).padStart(7)}  ${k}`);
