/**
 * One fixed-concurrency autocannon run on loopback, reduced to the numbers the summary prints.
 * A run counts as clean only when every answer was the expected status and nothing timed out.
 */
import autocannon from 'autocannon';

export interface LoadRow {
	target: string;
	connections: number;
	requests: number;
	rps: number;
	p50Ms: number;
	p99Ms: number;
	/** Answers other than the expected status, errors and timeouts. */
	bad: number;
	/** Bare Hono's rate in slices alternating with this row's (see `load.ts`'s `interleaved`). */
	adjacentHonoRps?: number;
}

export interface CannonOptions {
	target: string;
	url: string;
	connections: number;
	/** Seconds (ignored when `amount` is set). */
	duration?: number;
	amount?: number;
	expect?: number;
	method?: 'GET' | 'POST';
	headers?: Record<string, string>;
	body?: string;
	/** Builds each request anew (a fresh id per request, the next application…). */
	setupRequest?: (req: autocannon.Request) => autocannon.Request;
}

function options(o: CannonOptions, onStatus: (status: number) => void): autocannon.Options {
	return {
		url: o.url,
		connections: o.connections,
		pipelining: 1,
		timeout: 30,
		...(o.amount ? { amount: o.amount } : { duration: o.duration ?? 10 }),
		requests: [
			{
				method: o.method ?? 'GET',
				...(o.headers ? { headers: o.headers } : {}),
				...(o.body ? { body: o.body } : {}),
				...(o.setupRequest ? { setupRequest: o.setupRequest } : {}),
				onResponse: onStatus
			}
		]
	};
}

function row(o: CannonOptions, result: autocannon.Result, bad: number): LoadRow {
	return {
		target: o.target,
		connections: o.connections,
		requests: result.requests.total,
		rps: Math.round(result.requests.total / Math.max(0.001, result.duration)),
		p50Ms: result.latency.p50,
		p99Ms: result.latency.p99,
		bad: bad + result.errors + result.timeouts
	};
}

export async function cannon(o: CannonOptions): Promise<LoadRow> {
	const expected = o.expect ?? 200;
	let bad = 0;
	const result = await autocannon(
		options(o, (status) => {
			if (status !== expected) bad++;
		})
	);
	return row(o, result, bad);
}

/**
 * A run in the background until `stop()` (e.g. a health probe while a flood of submissions and
 * their jobs is being worked off); `duration` is only its upper bound.
 */
export function backgroundCannon(o: CannonOptions): { stop(): Promise<LoadRow> } {
	const expected = o.expect ?? 200;
	let bad = 0;
	let done: (r: LoadRow) => void = () => undefined;
	let failed: (e: Error) => void = () => undefined;
	const finished = new Promise<LoadRow>((resolve, reject) => {
		done = resolve;
		failed = reject;
	});
	const instance = autocannon(
		options({ ...o, duration: o.duration ?? 600 }, (status) => {
			if (status !== expected) bad++;
		}),
		(err, result) => (err ? failed(err as Error) : done(row(o, result, bad)))
	);
	return {
		stop() {
			instance.stop();
			return finished;
		}
	};
}
