/**
 * The job table's queries (`jobs`, migration 0110): enqueue, claim with a lease, renew, finish,
 * retry, fail. Every write after the claim is guarded by the claim itself (owner + attempt
 * number): a claimer whose lease expired and was taken over changes nothing.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, Storage } from '../storage/index.ts';

export type JobRow = Database['jobs'];
export type JobState = 'queued' | 'running' | 'done' | 'failed';

/** The claim's guard no longer matches: the lease expired and another claimer took the job. */
export class LeaseLost extends Error {
	constructor(readonly jobId: string) {
		super(`lease on job ${jobId} lost`);
		this.name = 'LeaseLost';
	}
}

export interface NewJob {
	kind: string;
	applicationId: string;
	payload: unknown;
	now: Date;
}

/**
 * Queues a job (call it in the transaction that makes the job necessary, so both commit or
 * neither does). One job per kind and application: a second enqueue is a no-op. Returns whether
 * this call queued it.
 */
export async function enqueueJob(db: Kysely<Database>, job: NewJob): Promise<boolean> {
	const at = job.now.toISOString();
	const res = await db
		.insertInto('jobs')
		.values({
			id: crypto.randomUUID(),
			kind: job.kind,
			application_id: job.applicationId,
			payload: JSON.stringify(job.payload),
			state: 'queued',
			attempts: 0,
			lease_owner: null,
			lease_expires_at: null,
			run_after: at,
			last_error: null,
			created_at: at,
			updated_at: at,
			finished_at: null
		})
		.onConflict((oc) => oc.columns(['kind', 'application_id']).doNothing())
		.executeTakeFirst();
	return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * Claims up to `limit` due jobs of `kinds` for `owner`, oldest first: queued jobs whose
 * `run_after` has come, or running ones whose lease expired (their claimer crashed or stalled).
 * One atomic statement however many it claims: SQLite runs it under its single writer lock; on
 * PostgreSQL the candidate rows are locked with `FOR UPDATE SKIP LOCKED`, so concurrent claimers
 * on other instances pick other rows.
 */
export async function claimJobs(
	storage: Storage,
	kinds: readonly string[],
	owner: string,
	now: Date,
	leaseMs: number,
	limit: number
): Promise<JobRow[]> {
	if (!kinds.length || limit < 1) return [];
	const at = now.toISOString();
	const db = storage.db;
	let pick = db
		.selectFrom('jobs')
		.select('id')
		.where('kind', 'in', kinds)
		.where((eb) =>
			eb.or([
				eb.and([eb('state', '=', 'queued'), eb('run_after', '<=', at)]),
				eb.and([eb('state', '=', 'running'), eb('lease_expires_at', '<', at)])
			])
		)
		.orderBy('run_after')
		.orderBy('created_at')
		.limit(limit);
	if (storage.kind === 'postgres') pick = pick.forUpdate().skipLocked();
	const rows = await db
		.updateTable('jobs')
		.set((eb) => ({
			state: 'running',
			lease_owner: owner,
			lease_expires_at: new Date(now.getTime() + leaseMs).toISOString(),
			attempts: eb('attempts', '+', 1),
			updated_at: at
		}))
		// PostgreSQL: `= ANY(ARRAY(…))` runs the pick once (an init plan); under `IN (…)` the planner
		// may rescan it per row, and each rescan locks LIMIT more rows — a claim took 5 of 3.
		.where((eb) =>
			storage.kind === 'postgres'
				? sql<boolean>`${eb.ref('id')} = any(array(${pick}))`
				: eb('id', 'in', pick)
		)
		// Re-checked on the row itself (PostgreSQL re-evaluates it after a concurrent update).
		.where((eb) =>
			eb.or([
				eb('state', '=', 'queued'),
				eb.and([eb('state', '=', 'running'), eb('lease_expires_at', '<', at)])
			])
		)
		.returningAll()
		.execute();
	// RETURNING keeps no order: run them oldest first, as picked.
	return rows.sort(
		(a, b) => a.run_after.localeCompare(b.run_after) || a.created_at.localeCompare(b.created_at)
	);
}

/** Claims one due job (see {@link claimJobs}). */
export async function claimJob(
	storage: Storage,
	kinds: readonly string[],
	owner: string,
	now: Date,
	leaseMs: number
): Promise<JobRow | undefined> {
	const [job] = await claimJobs(storage, kinds, owner, now, leaseMs, 1);
	return job;
}

/** Rows this claim still holds (same owner, same attempt, still running). */
function held(db: Kysely<Database>, job: JobRow) {
	return db
		.updateTable('jobs')
		.where('id', '=', job.id)
		.where('state', '=', 'running')
		.where('lease_owner', '=', job.lease_owner)
		.where('attempts', '=', job.attempts);
}

async function guarded(q: ReturnType<typeof held>, job: JobRow): Promise<void> {
	const res = await q.executeTakeFirst();
	if (Number(res.numUpdatedRows) !== 1) throw new LeaseLost(job.id);
}

/** Extends the lease of a running claim; false when it was lost meanwhile. */
export async function renewLease(
	db: Kysely<Database>,
	job: JobRow,
	now: Date,
	leaseMs: number
): Promise<boolean> {
	const res = await held(db, job)
		.set({
			lease_expires_at: new Date(now.getTime() + leaseMs).toISOString(),
			updated_at: now.toISOString()
		})
		.executeTakeFirst();
	return Number(res.numUpdatedRows) === 1;
}

/** Marks the claimed job done (in the transaction that commits its effects); throws {@link LeaseLost}. */
export function finishJob(trx: Transaction<Database>, job: JobRow, now: Date): Promise<void> {
	const at = now.toISOString();
	return guarded(
		held(trx, job).set({
			state: 'done',
			lease_owner: null,
			lease_expires_at: null,
			last_error: null,
			updated_at: at,
			finished_at: at
		}),
		job
	);
}

/** Puts the claimed job back in the queue until `runAfter`, with the failure's code. */
export function retryJob(
	db: Kysely<Database>,
	job: JobRow,
	code: string,
	runAfter: Date,
	now: Date
): Promise<void> {
	return guarded(
		held(db, job).set({
			state: 'queued',
			lease_owner: null,
			lease_expires_at: null,
			run_after: runAfter.toISOString(),
			last_error: code,
			updated_at: now.toISOString()
		}),
		job
	);
}

/** Ends the claimed job `failed` with its code (in the transaction of the failure's effects). */
export function failJob(
	trx: Transaction<Database>,
	job: JobRow,
	code: string,
	now: Date
): Promise<void> {
	const at = now.toISOString();
	return guarded(
		held(trx, job).set({
			state: 'failed',
			lease_owner: null,
			lease_expires_at: null,
			last_error: code,
			updated_at: at,
			finished_at: at
		}),
		job
	);
}
