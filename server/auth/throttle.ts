/**
 * A sliding-window failure counter: after `limit` failures for a key within the window,
 * `blocked` says how many milliseconds to wait. Implementations: {@link Throttle} (in memory, one
 * process; tests) and `StoreThrottle` (database-backed: survives restarts, shared by instances).
 */
export interface FailureThrottle {
	blocked(key: string): number | Promise<number>;
	fail(key: string): void | Promise<void>;
	reset(key: string): void | Promise<void>;
	/**
	 * Counts an attempt as a failure before it is tried, so concurrent attempts — on any instance —
	 * cannot all read "not blocked" first: of any burst, at most `limit` get `waitMs` 0. A refused
	 * claim is withdrawn at once; `release` withdraws a granted one (the attempt succeeded).
	 */
	claim(key: string): Promise<ThrottleClaim>;
}

/** The answer to {@link FailureThrottle.claim}. */
export interface ThrottleClaim {
	/** Milliseconds to wait (the attempt may not run), or 0 (it may; it counts as a failure). */
	waitMs: number;
	release(): Promise<void>;
}

/**
 * Sliding-window failure counter in memory (per process): after `limit` failures for a key within
 * `windowMs`, {@link Throttle.blocked} says how long to wait.
 */
export class Throttle implements FailureThrottle {
	private readonly failures = new Map<string, number[]>();

	constructor(
		readonly limit: number,
		readonly windowMs: number,
		private readonly now: () => number = Date.now
	) {}

	/** Milliseconds until `key` may try again, or 0. */
	blocked(key: string): number {
		const list = this.recent(key);
		if (list.length < this.limit) return 0;
		return (list[list.length - this.limit] ?? 0) + this.windowMs - this.now();
	}

	fail(key: string): void {
		const list = this.recent(key);
		list.push(this.now());
		this.failures.set(key, list);
		if (this.failures.size > 10_000) this.prune();
	}

	reset(key: string): void {
		this.failures.delete(key);
	}

	claim(key: string): Promise<ThrottleClaim> {
		const waitMs = this.blocked(key);
		if (waitMs > 0) return Promise.resolve({ waitMs, release: () => Promise.resolve() });
		const at = this.now();
		this.failures.set(key, [...this.recent(key), at]);
		const release = () => {
			const list = this.failures.get(key) ?? [];
			const i = list.indexOf(at);
			if (i >= 0) list.splice(i, 1);
			return Promise.resolve();
		};
		return Promise.resolve({ waitMs: 0, release });
	}

	private recent(key: string): number[] {
		const since = this.now() - this.windowMs;
		return (this.failures.get(key) ?? []).filter((t) => t > since);
	}

	private prune(): void {
		for (const key of this.failures.keys())
			if (this.recent(key).length === 0) this.failures.delete(key);
	}
}
