/**
 * The fuzz runner: drives every operation (round-robin, so each gets its share) with requests
 * drawn from a PRNG seeded per request — `(seed, index)` reproduces any one of them — and checks
 * what the server answers: never a 5xx, every error in the one shape, and (optionally) nothing
 * stored when a request was rejected.
 */
import { Prng } from './prng.ts';
import { INTAKE_OPERATIONS, operationsOf, type Operation } from './operations.ts';
import { fuzzRequest, type FuzzRequest } from './requests.ts';
import { changedBetween, snapshotState } from './snapshot.ts';
import type { Target } from './target.ts';

export interface Violation {
	/** Reproduce with the same seed and this index. */
	index: number;
	operationId: string;
	request: Pick<FuzzRequest, 'caller' | 'method' | 'path'>;
	status: number;
	problem: 'server_error' | 'error_shape' | 'stored_on_rejection';
	detail?: string;
}

export interface FuzzStats {
	requests: number;
	fiveXx: number;
	byStatus: Record<string, number>;
	byOperation: Record<string, number>;
	violations: Violation[];
	ms: number;
}

export interface FuzzOptions {
	requests: number;
	seed: number;
	/** Fraction of rejected requests checked for state changes (0 = none, 1 = all). */
	checkRejections?: number;
	/** Include the intake routes (records, blobs, tus) besides the OpenAPI operations. */
	intake?: boolean;
}

/**
 * Tables a rejected request may legitimately change: the failure counters that rejecting is for
 * (failed logins, registry and create limits).
 */
export const REJECTION_MAY_CHANGE: readonly string[] = ['throttle_events'];

/** Every operation the fuzzer drives for `t`. */
export async function fuzzOperations(t: Target, intake = true): Promise<Operation[]> {
	const doc: unknown = await (await t.h.app.request('/api/openapi.json')).json();
	return [...operationsOf(doc), ...(intake ? INTAKE_OPERATIONS : [])];
}

function seedFor(seed: number, index: number): number {
	return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
}

async function errorShapeProblem(res: Response): Promise<string | undefined> {
	const text = await res.text();
	try {
		const json = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
		if (typeof json.error?.code === 'string' && typeof json.error.message === 'string')
			return undefined;
	} catch {
		// fall through
	}
	return `not the error shape: ${text.slice(0, 120)}`;
}

/** Runs `requests` fuzzed requests against `t`. */
export async function runFuzz(t: Target, opts: FuzzOptions): Promise<FuzzStats> {
	const started = performance.now();
	const ops = await fuzzOperations(t, opts.intake ?? true);
	const stats: FuzzStats = {
		requests: 0,
		fiveXx: 0,
		byStatus: {},
		byOperation: {},
		violations: [],
		ms: 0
	};
	const check = opts.checkRejections ?? 0;
	for (let i = 0; i < opts.requests; i++) {
		const op = ops[i % ops.length]!;
		const r = new Prng(seedFor(opts.seed, i));
		const req = fuzzRequest(r, op, t);
		const watch = check > 0 && r.chance(check);
		const before = watch ? await snapshotState(t.storage, t.dir) : undefined;
		const res = await t.h.app.request(req.path, {
			method: req.method,
			headers: req.headers,
			body: req.body
		});
		stats.requests++;
		stats.byStatus[res.status] = (stats.byStatus[res.status] ?? 0) + 1;
		stats.byOperation[op.operationId] = (stats.byOperation[op.operationId] ?? 0) + 1;
		const v = (problem: Violation['problem'], detail?: string) =>
			stats.violations.push({
				index: i,
				operationId: op.operationId,
				request: { caller: req.caller, method: req.method, path: req.path.slice(0, 200) },
				status: res.status,
				problem,
				detail
			});
		if (res.status >= 500) {
			stats.fiveXx++;
			v('server_error', (await res.text()).slice(0, 200));
		} else if (res.status >= 400 && req.method !== 'HEAD') {
			const bad = await errorShapeProblem(res);
			if (bad) v('error_shape', bad);
		} else await res.body?.cancel();
		if (before && res.status >= 400) {
			const changed = changedBetween(before, await snapshotState(t.storage, t.dir)).filter(
				(x) => !REJECTION_MAY_CHANGE.includes(x)
			);
			if (changed.length) v('stored_on_rejection', changed.join(', '));
		}
		if (op.operationId === 'logout' && res.status === 200 && req.caller in t.sessions)
			await t.relogin(req.caller as keyof Target['sessions']);
	}
	stats.ms = Math.round(performance.now() - started);
	return stats;
}
