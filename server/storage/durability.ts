/**
 * Durability of the embedded SQLite database without an fsync on the event loop.
 *
 * The connection runs `journal_mode = WAL` with `synchronous = NORMAL`: a commit appends its
 * frames to the WAL (`kaihu.sqlite-wal`) without an fsync, and only checkpoints sync. That alone
 * survives a process crash (`kill -9`: the frames are in the OS page cache) but not a power loss
 * or kernel crash, which can roll back the last commits — records, submissions already answered
 * 201/200, after which a device deletes its copy. `synchronous = FULL` would fsync the WAL inside
 * every commit, synchronously: better-sqlite3 runs on the event loop, so every write would stall
 * the whole server for the disk's flush (≈ 4 ms on the bench VM's virtio disk, per commit).
 *
 * Instead, {@link SyncBarrier.durable} fdatasyncs the WAL file on libuv's thread pool, and the API
 * awaits it before answering any state-changing request (`app.ts`). Once it resolves, every commit
 * made before the call is on disk: its WAL frames are synced, or a checkpoint (which syncs the
 * database file before the WAL is reused) has already moved it into the database file. Concurrent
 * requests share one fsync (group commit); one that commits while an fsync is running waits for
 * the next. So an answered write survives a power loss, as with `FULL`, at one fsync per batch.
 */
import { open, type FileHandle } from 'node:fs/promises';

/**
 * Joins callers onto as few runs of `sync` as keep the promise: every commit made before the call
 * is covered. A run starts on the next turn of the event loop (every request of this turn joins
 * it) and after the previous run has ended; a caller arriving once a run has started waits for
 * the next one (its commit may have landed after that run's fsync began).
 */
export class SyncBarrier {
	private running: Promise<void> | null = null;
	private queued: Promise<void> | null = null;

	constructor(private readonly sync: () => Promise<void>) {}

	/** Resolves once a sync that started after this call has finished. */
	durable(): Promise<void> {
		return (this.queued ??= this.next());
	}

	private async next(): Promise<void> {
		await new Promise((resolve) => setImmediate(resolve));
		if (this.running) await this.running.catch(() => undefined);
		// From here on a new caller is not covered by this run: it queues the next.
		this.queued = null;
		const run = this.sync();
		this.running = run;
		try {
			await run;
		} finally {
			if (this.running === run) this.running = null;
		}
	}
}

/**
 * The barrier of an SQLite file in WAL mode: fdatasync of `<file>-wal` through one handle kept
 * open (on Linux a write-back error is reported to the handles open when it happened).
 */
export function walBarrier(file: string): { barrier: SyncBarrier; close(): Promise<void> } {
	let handle: Promise<FileHandle> | null = null;
	const wal = () =>
		(handle ??= open(`${file}-wal`, 'r').catch((err: unknown) => {
			handle = null;
			throw err;
		}));
	const barrier = new SyncBarrier(async () => {
		try {
			await (await wal()).datasync();
		} catch (err) {
			// No WAL file: nothing was ever written through it, so nothing waits to be synced.
			if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
		}
	});
	return {
		barrier,
		async close() {
			if (handle) await (await handle).close();
		}
	};
}
