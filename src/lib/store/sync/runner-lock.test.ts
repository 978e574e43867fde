import { afterEach, describe, expect, it, vi } from 'vitest';
import { waitingWebLock } from './runner.ts';

/** A one-name exclusive Web Locks stand-in: queued requests, `signal` aborts a waiting one. */
function fakeLocks() {
	let held: Promise<void> | null = null;
	return {
		async request(
			_name: string,
			options: { signal?: AbortSignal },
			fn: () => Promise<void>
		): Promise<void> {
			while (held) {
				const current = held;
				await Promise.race([
					current,
					new Promise<never>((_, reject) => {
						const { signal } = options;
						if (signal?.aborted) reject(signal.reason as Error);
						signal?.addEventListener('abort', () => reject(signal.reason as Error));
					})
				]);
			}
			const run = fn();
			held = run.then(
				() => undefined,
				() => undefined
			);
			try {
				await run;
			} finally {
				held = null;
			}
		}
	};
}

afterEach(() => vi.unstubAllGlobals());

describe('waitingWebLock (Background Sync runs)', () => {
	it('waits for a sync already running, then runs, instead of skipping', async () => {
		vi.stubGlobal('navigator', { locks: fakeLocks() });
		const order: string[] = [];
		let release!: () => void;
		const first = waitingWebLock(5_000)(async () => {
			order.push('page starts');
			await new Promise<void>((r) => (release = r));
			order.push('page ends');
		});
		const second = waitingWebLock(5_000)(async () => {
			order.push('worker runs');
		});
		await new Promise((r) => setTimeout(r, 20));
		expect(order).toEqual(['page starts']);
		release();
		await Promise.all([first, second]);
		expect(order).toEqual(['page starts', 'page ends', 'worker runs']);
	});

	it('gives up quietly when the running sync outlasts the wait', async () => {
		vi.stubGlobal('navigator', { locks: fakeLocks() });
		let release!: () => void;
		const holder = waitingWebLock(5_000)(() => new Promise<void>((r) => (release = r)));
		const ran = vi.fn(async () => undefined);
		await waitingWebLock(30)(ran);
		expect(ran).not.toHaveBeenCalled();
		release();
		await holder;
	});

	it('just runs where there are no Web Locks', async () => {
		vi.stubGlobal('navigator', {});
		const ran = vi.fn(async () => undefined);
		await waitingWebLock(30)(ran);
		expect(ran).toHaveBeenCalledOnce();
	});
});
