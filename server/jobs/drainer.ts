/**
 * The in-process drainer: claims due jobs from the job table and runs their handlers, up to
 * `concurrency` at a time. Every free slot is filled by one claim of that many jobs, and a job
 * that ends frees its slot for the next claim at once, so a full queue is drained without idle
 * waits; only an empty queue rests until woken — on enqueue, or by a timer (which also picks up
 * retries, expired leases and jobs other instances queued). `stop()` waits for the jobs in hand.
 * Tests call `drain()` instead of `start()` and run the queue to empty, one job at a time.
 */
import type { Transaction } from 'kysely';
import type { Database, Storage } from '../storage/index.ts';
import {
	claimJob,
	claimJobs,
	failJob,
	finishJob,
	LeaseLost,
	renewLease,
	retryJob,
	type JobRow
} from './store.ts';

/** A failure with a typed code; `permanent` ones are not retried (the same input fails again). */
export class JobError extends Error {
	constructor(
		readonly code: string,
		readonly permanent = false
	) {
		super(code);
		this.name = 'JobError';
	}
}

type Effects<T> = (trx: Transaction<Database>) => Promise<T>;

export interface JobRun {
	job: JobRow;
	/** Commits `effects` and marks the job done in one transaction, while the lease is held. */
	complete<T>(effects: Effects<T>): Promise<T>;
}

export interface JobFailure {
	job: JobRow;
	code: string;
	/** Commits `effects` and marks the job failed in one transaction, while the lease is held. */
	fail<T>(effects: Effects<T>): Promise<T>;
}

export interface JobHandler {
	/** Does the work; must call `complete` (a throw retries or fails the job). */
	run(r: JobRun): Promise<void>;
	/** The job failed for good: make that visible (e.g. send the case to a person). */
	failed(f: JobFailure): Promise<void>;
}

export interface DrainerOptions {
	/** This drainer's name in `lease_owner` (instance + random by default). */
	owner?: string;
	/**
	 * Jobs in hand at once (default 4). The heaviest part of a submission's job, the form PDF, runs
	 * on the renderer's threads, so a few in flight keep those busy while the loop does the jobs'
	 * database work between requests.
	 */
	concurrency?: number;
	/** How long a claim holds a job before another drainer may take it (default 60 s). */
	leaseMs?: number;
	/** Timer period for jobs nobody woke us for (default 2 s). */
	pollMs?: number;
	/** Claims before a job fails for good (default 5). */
	maxAttempts?: number;
	/** Delay before retry `attempt` (1-based); default 1 s, 4 s, 16 s, 64 s … capped at 5 min. */
	backoffMs?: (attempt: number) => number;
	now?: () => Date;
	log?: (entry: Record<string, unknown>) => void;
}

const defaultBackoff = (attempt: number) => Math.min(300_000, 1000 * 4 ** (attempt - 1));

export class JobDrainer {
	readonly owner: string;
	private readonly handlers = new Map<string, JobHandler>();
	private readonly concurrency: number;
	private readonly leaseMs: number;
	private readonly pollMs: number;
	private readonly maxAttempts: number;
	private readonly backoffMs: (attempt: number) => number;
	private readonly now: () => Date;
	private readonly log: (entry: Record<string, unknown>) => void;
	private readonly inFlight = new Set<Promise<void>>();
	private timer: ReturnType<typeof setInterval> | undefined;
	private started = false;
	/** A claim is under way (one at a time: each fills every free slot). */
	private pumping: Promise<void> | undefined;
	/** The queue may hold due jobs: woken, or the last claim filled every slot it asked for. */
	private due = false;

	constructor(
		private readonly storage: Storage,
		opts: DrainerOptions = {}
	) {
		this.owner = opts.owner ?? `drainer:${crypto.randomUUID()}`;
		this.concurrency = Math.max(1, opts.concurrency ?? 4);
		this.leaseMs = opts.leaseMs ?? 60_000;
		this.pollMs = opts.pollMs ?? 2000;
		this.maxAttempts = opts.maxAttempts ?? 5;
		this.backoffMs = opts.backoffMs ?? defaultBackoff;
		this.now = opts.now ?? (() => new Date());
		this.log = opts.log ?? (() => undefined);
	}

	/** Registers the handler of `kind` (once; later registrations are ignored). */
	register(kind: string, handler: JobHandler): void {
		if (!this.handlers.has(kind)) this.handlers.set(kind, handler);
	}

	/** The handler registered for `kind`. */
	handler(kind: string): JobHandler | undefined {
		return this.handlers.get(kind);
	}

	/** Starts draining in the background: now, on every {@link wake} and every `pollMs`. */
	start(): void {
		if (this.started) return;
		this.started = true;
		this.timer = setInterval(() => this.wake(), this.pollMs);
		this.timer.unref();
		this.wake();
	}

	/** Stops claiming and waits for the jobs in hand to finish. */
	async stop(): Promise<void> {
		this.started = false;
		clearInterval(this.timer);
		// A claim under way may still hand over jobs: wait for it, then for every job in hand.
		while (this.pumping || this.inFlight.size)
			await Promise.allSettled([this.pumping, ...this.inFlight]);
	}

	/** A job was queued: run it soon (no-op unless started). */
	wake(): void {
		if (!this.started) return;
		this.due = true;
		void this.pump();
	}

	/** Runs due jobs one after another until none is left; returns how many ran. */
	async drain(): Promise<number> {
		let n = 0;
		for (let job = await this.claim(); job; job = await this.claim()) {
			await this.runOne(job);
			n++;
		}
		return n;
	}

	private claim(): Promise<JobRow | undefined> {
		return claimJob(this.storage, [...this.handlers.keys()], this.owner, this.now(), this.leaseMs);
	}

	/**
	 * Fills the free slots with one claim, again while the queue may hold more. A job that ends
	 * pumps again when the queue may hold more, so the slots stay full while there is work.
	 */
	private pump(): Promise<void> {
		this.pumping ??= this.fill().finally(() => (this.pumping = undefined));
		return this.pumping;
	}

	private async fill(): Promise<void> {
		try {
			while (this.started && this.due) {
				const free = this.concurrency - this.inFlight.size;
				// Every slot is taken: `due` stays set and the next job to end pumps again.
				if (free <= 0) return;
				this.due = false;
				const kinds = [...this.handlers.keys()];
				const jobs = await claimJobs(this.storage, kinds, this.owner, this.now(), this.leaseMs, free); // prettier-ignore
				for (const job of jobs) this.run(job);
				// A full claim may have left more behind; a short one found the queue empty.
				if (jobs.length === free) this.due = true;
			}
		} catch (err) {
			// The database is away (restart, failover): the timer tries again.
			this.log({ level: 'warn', msg: 'job drainer paused', name: (err as Error).name });
		}
	}

	private run(job: JobRow): void {
		const done: Promise<void> = this.runOne(job)
			.catch((err: unknown) => {
				this.log({ level: 'error', msg: 'job run threw', job: job.id, name: (err as Error).name }); // prettier-ignore
			})
			.finally(() => {
				this.inFlight.delete(done);
				if (this.due) void this.pump();
			});
		this.inFlight.add(done);
	}

	/** Runs one claimed job; every outcome is written under the claim's guard. */
	private async runOne(job: JobRow): Promise<void> {
		const handler = this.handlers.get(job.kind);
		if (!handler) return;
		const db = this.storage.db;
		const inTrx = <T>(end: (trx: Transaction<Database>) => Promise<void>, effects: Effects<T>) =>
			db.transaction().execute(async (trx) => {
				await end(trx);
				return effects(trx);
			});
		const fail = async (code: string) => {
			this.log({ level: 'error', msg: 'job failed', kind: job.kind, job: job.id, code });
			await handler.failed({
				job,
				code,
				fail: (effects) => inTrx((trx) => failJob(trx, job, code, this.now()), effects)
			});
		};
		// Claimed again after its last lease expired without an outcome (a crash each time).
		if (job.attempts > this.maxAttempts) return this.settle(job, () => fail('lease_expired'));
		// The lease is renewed while the job runs, so a slow job is not taken over.
		const renew = setInterval(
			() => void renewLease(db, job, this.now(), this.leaseMs).catch(() => undefined),
			this.leaseMs / 3
		);
		renew.unref();
		let completed = false;
		try {
			await handler.run({
				job,
				complete: async (effects) => {
					const r = await inTrx((trx) => finishJob(trx, job, this.now()), effects);
					completed = true;
					return r;
				}
			});
			if (!completed) throw new JobError('not_completed');
		} catch (err) {
			clearInterval(renew);
			if (err instanceof LeaseLost) return this.lost(job);
			// Done already (what failed came after the commit): nothing to retry.
			if (completed) return;
			const code = err instanceof JobError ? err.code : 'internal';
			const permanent = err instanceof JobError && err.permanent;
			if (!(err instanceof JobError))
				this.log({ level: 'error', msg: 'job threw', kind: job.kind, name: (err as Error).name });
			if (permanent || job.attempts >= this.maxAttempts) return this.settle(job, () => fail(code));
			const now = this.now();
			const runAfter = new Date(now.getTime() + this.backoffMs(job.attempts));
			return this.settle(job, () => retryJob(db, job, code, runAfter, now));
		} finally {
			clearInterval(renew);
		}
	}

	/** Writes an outcome; a lost lease or an unreachable database leaves the job to its lease. */
	private async settle(job: JobRow, write: () => Promise<void>): Promise<void> {
		try {
			await write();
		} catch (err) {
			if (err instanceof LeaseLost) return this.lost(job);
			this.log({ level: 'warn', msg: 'job outcome not written', job: job.id, name: (err as Error).name }); // prettier-ignore
		}
	}

	private lost(job: JobRow): void {
		this.log({ level: 'warn', msg: 'job lease lost', kind: job.kind, job: job.id });
	}
}
