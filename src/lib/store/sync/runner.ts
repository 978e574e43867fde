import { deviceKey } from '../crypto.ts';
import type { KaihuDb, OutboxBlob, OutboxRow } from '../db.ts';
import { confirmSent, listOutbox, loadPayload, updateEntry } from '../outbox.ts';
import { readBlob } from '../recordings.ts';
import { SyncError, syncFailure } from './failure.ts';
import { decide, type SyncEvent, type SyncState, type WakeReason } from './rule.ts';
import type { Transport } from './transport.ts';

export interface RunnerOptions {
	db: KaihuDb;
	transport: Transport;
	/** Whether the device thinks it is online (default: `navigator.onLine`). */
	isOnline?: () => boolean;
	now?: () => number;
	/** Runs `fn` only where no other tab is syncing (default: Web Locks when present). */
	exclusive?: (fn: () => Promise<void>) => Promise<void>;
}

const PROGRESS_WRITE_MS = 250;

/**
 * Carries out the sync rule: reads the outbox, asks {@link decide} what to do, uploads one
 * record at a time (blobs over tus, then the record), confirms and purges. All timing and retry
 * policy is the rule's; this class only does I/O. Call {@link kick} on every trigger.
 */
export class SyncRunner {
	private readonly db: KaihuDb;
	private readonly transport: Transport;
	private readonly isOnline: () => boolean;
	private readonly now: () => number;
	private readonly exclusive: (fn: () => Promise<void>) => Promise<void>;
	private inFlight: string | null = null;
	private pumping: Promise<void> | null = null;
	private again = false;
	private timer: ReturnType<typeof setTimeout> | undefined;
	private abort: AbortController | null = null;
	private stopped = false;
	/** An `online` trigger not yet applied: the pump applies it once no upload is in flight. */
	private onlinePending = false;
	/** Serialises {@link persist}: each is a read-modify-write of the outbox rows. */
	private writes: Promise<void> = Promise.resolve();

	constructor(o: RunnerOptions) {
		this.db = o.db;
		this.transport = o.transport;
		this.isOnline = o.isOnline ?? (() => globalThis.navigator?.onLine ?? true);
		this.now = o.now ?? Date.now;
		this.exclusive = o.exclusive ?? webLock;
	}

	/** A trigger (online, app open, timer, Background Sync, new record): sync if anything is due. */
	kick(reason: WakeReason | 'online'): Promise<void> {
		if (this.stopped) return Promise.resolve();
		// Applied by the pump between uploads, never while one is in flight: an upload cut by the
		// outage that just ended fails after `online` fired, and its failure must not re-arm a long
		// backoff over the `online` reset (the record would then sit out up to 5 min, healthy).
		if (reason === 'online') this.onlinePending = true;
		if (this.pumping) {
			this.again = true;
			return this.pumping;
		}
		this.pumping = this.exclusive(() => this.pump())
			// A storage failure must not leave an unhandled rejection; the next trigger retries.
			// Only the error's name is logged: messages may quote record contents.
			.catch((err: unknown) => console.error('sync', (err as { name?: string } | null)?.name))
			.finally(() => {
				this.pumping = null;
				if (this.again && !this.stopped) {
					this.again = false;
					void this.kick('timer');
				}
			});
		return this.pumping;
	}

	/** The user asked to retry a record now. */
	async retry(id: string): Promise<void> {
		await this.persist([{ type: 'retry', id }]);
		await this.kick('timer');
	}

	/** Stops: aborts the upload in flight (it resumes later from its tus offset) and waits. */
	async stop(): Promise<void> {
		this.stopped = true;
		clearTimeout(this.timer);
		this.abort?.abort();
		await this.pumping?.catch(() => undefined);
	}

	private async state(): Promise<{ rows: OutboxRow[]; state: SyncState }> {
		const rows = await listOutbox(this.db);
		return {
			rows,
			state: {
				online: this.isOnline(),
				inFlight: this.inFlight,
				entries: rows.map(({ id, state, attempts, nextAttemptAt, createdAt }) => ({
					id,
					state,
					attempts,
					nextAttemptAt,
					createdAt
				}))
			}
		};
	}

	/** Applies events through the rule and writes back the entries they changed, one at a time. */
	private persist(events: SyncEvent[]): Promise<void> {
		const run = this.writes.then(() => this.persistNow(events));
		this.writes = run.catch(() => undefined);
		return run;
	}

	private async persistNow(events: SyncEvent[]): Promise<void> {
		const { state } = await this.state();
		const next = decide(state, this.now(), events).state;
		for (const e of next.entries) {
			const was = state.entries.find((x) => x.id === e.id);
			if (
				!was ||
				(was.state === e.state &&
					was.attempts === e.attempts &&
					was.nextAttemptAt === e.nextAttemptAt)
			)
				continue;
			if (e.state === 'sent') continue; // only confirmSent writes `sent` (it also purges)
			await updateEntry(this.db, e.id, {
				state: e.state,
				attempts: e.attempts,
				nextAttemptAt: e.nextAttemptAt
			});
		}
	}

	private async pump(): Promise<void> {
		for (;;) {
			if (this.stopped) return;
			if (this.onlinePending) {
				this.onlinePending = false;
				await this.persist([{ type: 'online' }]).catch((err: unknown) => {
					this.onlinePending = true;
					throw err;
				});
			}
			const { rows, state } = await this.state();
			const { action } = decide(state, this.now(), []);
			clearTimeout(this.timer);
			if (action.type === 'wait') {
				this.timer = setTimeout(
					() => void this.kick('timer'),
					Math.max(0, action.until - this.now())
				);
				return;
			}
			if (action.type !== 'upload') return;
			const row = rows.find((r) => r.id === action.id);
			if (!row) return;
			await this.runOne(row);
		}
	}

	private async runOne(row: OutboxRow): Promise<void> {
		await this.persist([{ type: 'started', id: row.id }]);
		this.inFlight = row.id;
		this.abort = new AbortController();
		try {
			await this.send(row, this.abort.signal);
			await confirmSent(this.db, row.id, this.now());
		} catch (err) {
			if (this.stopped && (err as { name?: string }).name === 'AbortError') return;
			const failure =
				err instanceof SyncError
					? err.failure
					: syncFailure(this.isOnline() ? 'server_unavailable' : 'offline');
			if (err instanceof SyncError && err.missingBlobs.length > 0) {
				const fresh = await this.db.outbox.get(row.id);
				const blobs = (fresh?.blobs ?? row.blobs).map((b) =>
					err.missingBlobs.includes(b.sha256) ? { ...b, done: false, uploadUrl: undefined } : b
				);
				await updateEntry(this.db, row.id, { blobs });
			}
			await updateEntry(this.db, row.id, { lastError: failure });
			this.inFlight = null;
			await this.persist([{ type: 'failed', id: row.id, retryable: failure.retryable }]);
		} finally {
			this.inFlight = null;
			this.abort = null;
		}
	}

	private async send(row: OutboxRow, signal: AbortSignal): Promise<void> {
		const payload = await loadPayload(this.db, row);
		const key = await deviceKey(this.db);
		let blobs = row.blobs;
		const doneBytes = () => blobs.filter((b) => b.done).reduce((n, b) => n + b.bytes, 0);
		const setBlob = async (id: string, change: Partial<OutboxBlob>) => {
			blobs = blobs.map((b) => (b.id === id ? { ...b, ...change } : b));
			await updateEntry(this.db, row.id, { blobs, uploadedBytes: doneBytes() });
		};
		for (const blob of row.blobs) {
			if (blob.done) continue;
			if (await this.transport.blobExists(blob.sha256)) {
				await setBlob(blob.id, { done: true });
				continue;
			}
			const data = await readBlob(this.db, key, blob);
			let lastWrite = 0;
			await this.transport.uploadBlob(data, blob, {
				signal,
				onUrl: (uploadUrl) => void setBlob(blob.id, { uploadUrl }),
				onProgress: (sent) => {
					const t = this.now();
					if (t - lastWrite < PROGRESS_WRITE_MS) return;
					lastWrite = t;
					void updateEntry(this.db, row.id, { uploadedBytes: doneBytes() + sent });
				}
			});
			await setBlob(blob.id, { done: true });
		}
		if (signal.aborted) throw new DOMException('aborted', 'AbortError');
		await this.transport.postRecord({
			id: row.id,
			idempotencyKey: row.idempotencyKey,
			kind: row.kind,
			payload,
			blobs: row.blobs.map((b) => ({ sha256: b.sha256, bytes: b.bytes, type: b.type }))
		});
	}
}

const SYNC_LOCK = 'kaihu-outbox-sync';

/** One syncing tab per device: Web Locks where available, else just run. */
async function webLock(fn: () => Promise<void>): Promise<void> {
	const locks = globalThis.navigator?.locks;
	if (!locks) return fn();
	await locks.request(SYNC_LOCK, { ifAvailable: true }, async (lock) => {
		if (lock) await fn();
	});
}

/**
 * Like the default lock, but waits up to `timeoutMs` for a sync already running (a tab, or an
 * earlier `sync` event) to finish instead of skipping: a Background Sync run that skipped would
 * leave its records waiting until the browser's next retry, minutes later. Gives up (runs
 * nothing) when the wait times out.
 */
export function waitingWebLock(timeoutMs: number): (fn: () => Promise<void>) => Promise<void> {
	return async (fn) => {
		const locks = globalThis.navigator?.locks;
		if (!locks) return fn();
		try {
			await locks.request(SYNC_LOCK, { signal: AbortSignal.timeout(timeoutMs) }, fn);
		} catch (err) {
			if ((err as { name?: string }).name !== 'TimeoutError') throw err;
		}
	};
}
