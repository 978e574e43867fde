/**
 * The drainer and its claims (issue #16): a batch claim takes due jobs oldest first and never one
 * another claimer holds; a started drainer keeps its slots full until the queue is empty, runs
 * every job exactly once, and never has more than `concurrency` in hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../storage/index.ts';
import { backends } from '../storage/test-databases.ts';
import { harness, type Harness } from '../testing/harness.ts';
import { JobDrainer } from './drainer.ts';
import { claimJobs, enqueueJob } from './store.ts';

const KIND = 'test.echo';

describe.each(backends())('job drainer on $kind', ({ open, openTwo }) => {
	let storage: Storage;
	let h: Harness;
	beforeAll(async () => {
		storage = await open();
		h = await harness(storage);
	});
	afterAll(async () => storage.close());

	/** Queues `n` jobs (one per new application), `spacingMs` apart in `run_after`. */
	async function queue(db: Storage, n: number, spacingMs = 1): Promise<string[]> {
		const ids: string[] = [];
		const t0 = Date.now() - 60_000;
		for (let i = 0; i < n; i++) {
			const { id } = await h.newApplication();
			await enqueueJob(db.db, { kind: KIND, applicationId: id, payload: { i }, now: new Date(t0 + i * spacingMs) }); // prettier-ignore
			ids.push(id);
		}
		return ids;
	}

	it('claims up to `limit` due jobs oldest first, each once, and none another claim holds', async () => {
		const ids = await queue(storage, 5);
		const now = new Date();
		const first = await claimJobs(storage, [KIND], 'a', now, 60_000, 3);
		expect(first.map((j) => j.application_id)).toEqual(ids.slice(0, 3));
		expect(first.every((j) => j.state === 'running' && j.lease_owner === 'a' && j.attempts === 1)).toBe(true); // prettier-ignore
		const rest = await claimJobs(storage, [KIND], 'b', now, 60_000, 3);
		expect(rest.map((j) => j.application_id)).toEqual(ids.slice(3));
		expect(await claimJobs(storage, [KIND], 'c', now, 60_000, 3)).toEqual([]);
		// Their leases expire: the next claim takes them over, attempt 2.
		const later = new Date(now.getTime() + 61_000);
		const again = await claimJobs(storage, [KIND], 'c', later, 60_000, 10);
		expect(again.map((j) => j.application_id)).toEqual(ids);
		expect(again.every((j) => j.attempts === 2)).toBe(true);
	});

	it('concurrent claims on two handles (two instances) share out the queue, no job twice', async () => {
		const [s1, s2] = openTwo ? await openTwo() : [storage, storage];
		try {
			const hh = openTwo ? await harness(s1, {}, 'claims') : h;
			const ids: string[] = [];
			for (let i = 0; i < 20; i++) {
				const { id } = await hh.newApplication();
				await enqueueJob(s1.db, { kind: KIND, applicationId: id, payload: {}, now: new Date(Date.now() - 1000) }); // prettier-ignore
				ids.push(id);
			}
			const claimed: string[] = [];
			await Promise.all(
				[s1, s2, s1, s2].map(async (s, k) => {
					for (;;) {
						const jobs = await claimJobs(s, [KIND], `claimer-${k}`, new Date(), 60_000, 3);
						if (!jobs.length) return;
						claimed.push(...jobs.map((j) => j.application_id));
					}
				})
			);
			expect(claimed.sort()).toEqual([...ids].sort());
		} finally {
			if (openTwo) await Promise.all([s1.close(), s2.close()]);
		}
	});

	it('a started drainer runs a full queue to empty, each job once, never more than `concurrency` at once', async () => {
		const ids = await queue(storage, 30, 0);
		const ran: string[] = [];
		let inHand = 0;
		let most = 0;
		const drainer = new JobDrainer(storage, { concurrency: 4, pollMs: 60_000 });
		drainer.register(KIND, {
			async run({ job, complete }) {
				inHand++;
				most = Math.max(most, inHand);
				await new Promise((r) => setTimeout(r, 2));
				inHand--;
				await complete(async () => void ran.push(job.application_id));
			},
			failed: async () => undefined
		});
		drainer.start();
		try {
			while (ran.length < ids.length) await new Promise((r) => setTimeout(r, 5));
		} finally {
			await drainer.stop();
		}
		expect(ran.sort()).toEqual([...ids].sort());
		expect(most).toBeLessThanOrEqual(4);
		expect(most).toBeGreaterThan(1);
		const states = await storage.db
			.selectFrom('jobs')
			.select('state')
			.where('application_id', 'in', ids)
			.execute();
		expect(states.every((s) => s.state === 'done')).toBe(true);
	});
});
