/**
 * The fuzz runner: drives every operation (round-robin, so each gets its share) with requests
 * drawn from a PRNG seeded per request — `(seed, index)` reproduces any one of them — and checks
 * what the server answers: never a 5xx, every error in the one shape, and (optionally) nothing
 * stored when a request was rejected.
 */
import { Prng } from './prng.ts';
import { INTAKE_OPERATIONS, operationsOf, type Operation } from './operations.ts';
import { fuzzRequest, type FuzzRequest } from './requests.ts';
import { seedCorpus } from './seeds.ts';
import { changedBetween, snapshotState } from './snapshot.ts';
import type { Target } from './target.ts';

export interface Violation {
	/** Reproduce with the same seed and this index. */
	index: number;
	operationId: string;
	request: Pick<FuzzRequest, 'caller' | 'method' | 'path'>;
	status: number;
	/** `dropped`: over HTTP, the connection closed (or timed out) without an answer. */
	problem: 'server_error' | 'error_shape' | 'stored_on_rejection' | 'dropped';
	detail?: string;
}

export interface FuzzStats {
	/** All requests sent, the seed corpus included. */
	requests: number;
	/** Of them, the seed corpus (every path parameter and body schema, `seeds.ts`). */
	seeded: number;
	fiveXx: number;
	/** Over HTTP: requests that got no answer (connection reset, closed or timed out). */
	dropped: number;
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
	/** Send the seed corpus first (default true); `requests` random ones follow it. */
	seeds?: boolean;
	/**
	 * Send over a real socket to this origin (the app served by `@hono/node-server`), as a device
	 * would: a dropped connection is a violation of its own. Default: in-process `app.request`.
	 */
	origin?: string;
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

/**
 * Sends the seed corpus (unless `seeds: false`), then `requests` random requests, against `t`.
 * Seed requests are numbered `-1, -2, …` in violations; random ones `0, 1, …` (reproducible alone
 * from `(seed, index)`).
 */
export async function runFuzz(t: Target, opts: FuzzOptions): Promise<FuzzStats> {
	const started = performance.now();
	const ops = await fuzzOperations(t, opts.intake ?? true);
	const stats: FuzzStats = {
		requests: 0,
		seeded: 0,
		fiveXx: 0,
		dropped: 0,
		byStatus: {},
		byOperation: {},
		violations: [],
		ms: 0
	};
	const check = opts.checkRejections ?? 0;
	const send = (op: Operation, req: FuzzRequest, index: number, watch: boolean) =>
		sendOne(t, stats, op, req, index, watch, opts.origin);
	const seeds = opts.seeds === false ? [] : seedCorpus(ops, t, opts.seed);
	for (const [k, { op, req }] of seeds.entries()) {
		await send(op, req(), -(k + 1), check > 0 && k % Math.round(1 / check) === 0);
		stats.seeded++;
	}
	for (let i = 0; i < opts.requests; i++) {
		const op = ops[i % ops.length]!;
		const r = new Prng(seedFor(opts.seed, i));
		const req = fuzzRequest(r, op, t);
		await send(op, req, i, check > 0 && r.chance(check));
	}
	stats.ms = Math.round(performance.now() - started);
	return stats;
}

/** Over HTTP: no answer within this long counts as a dropped connection. */
const HTTP_TIMEOUT_MS = 30_000;

/** Sends one request and records what was wrong with the answer. */
async function sendOne(
	t: Target,
	stats: FuzzStats,
	op: Operation,
	req: FuzzRequest,
	index: number,
	watch: boolean,
	origin: string | undefined
): Promise<void> {
	const before = watch ? await snapshotState(t.storage, t.dir) : undefined;
	const init = { method: req.method, headers: req.headers, body: req.body };
	let res: Response;
	try {
		res = origin
			? await fetch(`${origin}${req.path}`, {
					...init,
					redirect: 'manual',
					signal: AbortSignal.timeout(HTTP_TIMEOUT_MS)
				})
			: await t.h.app.request(req.path, init);
	} catch (err) {
		stats.requests++;
		stats.dropped++;
		stats.byOperation[op.operationId] = (stats.byOperation[op.operationId] ?? 0) + 1;
		stats.violations.push({
			index,
			operationId: op.operationId,
			request: { caller: req.caller, method: req.method, path: req.path.slice(0, 200) },
			status: 0,
			problem: 'dropped',
			detail: String((err as { cause?: unknown }).cause ?? err).slice(0, 200)
		});
		return;
	}
	stats.requests++;
	stats.byStatus[res.status] = (stats.byStatus[res.status] ?? 0) + 1;
	stats.byOperation[op.operationId] = (stats.byOperation[op.operationId] ?? 0) + 1;
	const v = (problem: Violation['problem'], detail?: string) =>
		stats.violations.push({
			index,
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
