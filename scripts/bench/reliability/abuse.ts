/**
 * Abuse bench: the OpenAPI fuzzer (`server/abuse/`) at volume against the real app on an
 * in-memory SQLite database (or `KAIHU_ABUSE_DATABASE_URL`, a PostgreSQL database it may fill).
 * `npm run bench:abuse` prints the summary; `npm run bench:reliability` imports {@link runAbuse}.
 *
 * The seed corpus (every path parameter and body schema, `server/abuse/seeds.ts`) goes first,
 * then the random requests; all of it twice: in-process (`app.request`) and over a real socket
 * (`@hono/node-server`, as a device sends), where a dropped connection counts as a failure.
 *
 * Env: `KAIHU_ABUSE_REQUESTS` (default 10 000 per transport), `KAIHU_ABUSE_SEED` (default 9).
 */
import { rmSync } from 'node:fs';
import { abuseTarget } from '../../../server/abuse/target.ts';
import { runFuzz, type FuzzStats, type Violation } from '../../../server/abuse/fuzz.ts';
import { serveTarget } from '../../../server/abuse/http.ts';
import { openStorage } from '../../../server/storage/index.ts';

export interface AbuseResult {
	requests: number;
	/** Of them, the seed corpus (both transports). */
	seeded: number;
	fiveXx: number;
	/** Over HTTP: requests the server answered with a closed connection or not at all. */
	dropped: number;
	byStatus: Record<string, number>;
	ms: number;
	/** 4xx answers not in the error shape, and rejected requests that left state behind. */
	badShape: number;
	storedOnRejection: number;
	operations: number;
	seed: number;
	violations: Violation[];
}

/** Fuzzes every API operation (and the intake routes) with `requests` requests. */
export async function runAbuse({
	requests,
	seed = Number(process.env.KAIHU_ABUSE_SEED ?? 9),
	checkRejections = 0.1
}: {
	requests: number;
	seed?: number;
	checkRejections?: number;
}): Promise<AbuseResult> {
	const storage = await openStorage({
		dataDir: ':memory:',
		databaseUrl: process.env.KAIHU_ABUSE_DATABASE_URL || undefined
	});
	const quiet = console.log;
	try {
		console.log = () => undefined; // the request log and demo notices would drown the summary
		const t = await abuseTarget(storage);
		try {
			const inProcess = await runFuzz(t, { requests, seed, checkRejections });
			const http = await serveTarget(t);
			let overHttp: FuzzStats;
			try {
				overHttp = await runFuzz(t, {
					requests,
					seed: seed + 1,
					checkRejections,
					origin: http.origin
				});
			} finally {
				await http.close();
			}
			const s = merge(inProcess, overHttp);
			return {
				requests: s.requests,
				seeded: s.seeded,
				fiveXx: s.fiveXx,
				dropped: s.dropped,
				byStatus: s.byStatus,
				ms: s.ms,
				badShape: s.violations.filter((v) => v.problem === 'error_shape').length,
				storedOnRejection: s.violations.filter((v) => v.problem === 'stored_on_rejection').length,
				operations: Object.keys(s.byOperation).length,
				seed,
				violations: s.violations.slice(0, 20)
			};
		} finally {
			rmSync(t.dir, { recursive: true, force: true });
		}
	} finally {
		console.log = quiet;
		await storage.close();
	}
}

function merge(a: FuzzStats, b: FuzzStats): FuzzStats {
	const add = (x: Record<string, number>, y: Record<string, number>) => {
		const out = { ...x };
		for (const [k, n] of Object.entries(y)) out[k] = (out[k] ?? 0) + n;
		return out;
	};
	return {
		requests: a.requests + b.requests,
		seeded: a.seeded + b.seeded,
		fiveXx: a.fiveXx + b.fiveXx,
		dropped: a.dropped + b.dropped,
		byStatus: add(a.byStatus, b.byStatus),
		byOperation: add(a.byOperation, b.byOperation),
		violations: [...a.violations, ...b.violations],
		ms: a.ms + b.ms
	};
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const requests = Number(process.env.KAIHU_ABUSE_REQUESTS ?? 10_000);
	const r = await runAbuse({ requests });
	console.log(JSON.stringify({ ...r, violations: r.violations.length }, null, 2));
	for (const v of r.violations) console.log(JSON.stringify(v));
	console.log(
		`abuse: ${r.requests} requests (${r.seeded} seeded) over ${r.operations} operations in ${(r.ms / 1000).toFixed(1)} s, ` +
			`${r.fiveXx} × 5xx, ${r.dropped} dropped, ${r.badShape} outside the error shape, ${r.storedOnRejection} stored on rejection (seed ${r.seed})`
	);
	process.exit(r.fiveXx + r.dropped + r.badShape + r.storedOnRejection === 0 ? 0 : 1);
}
