/**
 * Runs work one at a time per key (in this process). Login uses it so a burst of parallel
 * guesses for one account or from one address is checked against the throttle one by one: without
 * it, every request of the burst read "not blocked" before any failure was recorded.
 */
const tails = new Map<string, Promise<void>>();

/**
 * Runs `fn` once every earlier call holding any of `keys` has finished. Keys are taken in sorted
 * order, so two calls sharing keys cannot wait for each other.
 *
 * @example
 * await serialised([`u:${username}`, `ip:${address}`], () => checkPassword());
 */
export async function serialised<T>(keys: readonly string[], fn: () => Promise<T>): Promise<T> {
	const releases: (() => void)[] = [];
	try {
		for (const key of [...new Set(keys)].sort()) {
			const previous = tails.get(key) ?? Promise.resolve();
			let release!: () => void;
			const mine = new Promise<void>((resolve) => (release = resolve));
			const tail = previous.then(() => mine);
			tails.set(key, tail);
			releases.push(() => {
				release();
				if (tails.get(key) === tail) tails.delete(key);
			});
			await previous;
		}
		return await fn();
	} finally {
		for (const release of releases.reverse()) release();
	}
}
