/**
 * Abuse bench: the OpenAPI fuzzer (`server/abuse/`) at volume against the real app on an
 * in-memory SQLite database (or `KAIHU_ABUSE_DATABASE_URL`, a PostgreSQL database it may fill).
 * `npm run bench:abuse` prints the summary; `npm run bench:reliability` imports {@link runAbuse}.
 *
 * Env: `KAIHU_ABUSE_REQUESTS` (default 10 000), `KAIHU_ABUSE_SEED` (default 9).
 */
import { rmSync } from 'node:fs';
import { abuseTarget } from '../../../server/abuse/target.ts';
import { runFuzz, type Violation } from '../../../server/abuse/fuzz.ts';
import { openStorage } from '../../../server/storage/index.ts';

export interface AbuseResult {
	requests: number;
	fiveXx: number;
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
			const s = await runFuzz(t, { requests, seed, checkRejections });
			return {
				requests: s.requests,
				fiveXx: s.fiveXx,
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

if (import.meta.url === `file://${process.argv[1]}`) {
	const requests = Number(process.env.KAIHU_ABUSE_REQUESTS ?? 10_000);
	const r = await runAbuse({ requests });
	console.log(JSON.stringify({ ...r, violations: r.violations.length }, null, 2));
	for (const v of r.violations) console.log(JSON.stringify(v));
	console.log(
		`abuse: ${r.requests} requests over ${r.operations} operations in ${(r.ms / 1000).toFixed(1)} s, ` +
			`${r.fiveXx} × 5xx, ${r.badShape} outside the error shape, ${r.storedOnRejection} stored on rejection (seed ${r.seed})`
	);
	process.exit(r.fiveXx + r.badShape + r.storedOnRejection === 0 ? 0 : 1);
}
