import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrationProvider } from './migrations/index.ts';
import { walBarrier } from './durability.ts';
import { cachingDatabase } from './statement-cache.ts';
import type { Database } from './schema.ts';

export type { Database } from './schema.ts';

/** Which engine a {@link Storage} runs on. */
export type StorageKind = 'sqlite' | 'postgres';

/** The server's only handle on persistent state. */
export interface Storage {
	db: Kysely<Database>;
	kind: StorageKind;
	/**
	 * Resolves once every commit made before the call would survive a power loss. The API awaits
	 * it before answering a state-changing request. SQLite file: one shared fdatasync of the WAL
	 * off the event loop (`./durability.ts`); PostgreSQL commits are already flushed
	 * (`synchronous_commit = on`); `:memory:` has nothing to keep.
	 */
	durable(): Promise<void>;
	close(): Promise<void>;
}

export interface StorageOptions {
	/** PostgreSQL connection string; when absent the embedded SQLite file is used. */
	databaseUrl?: string | undefined;
	/** Directory for the SQLite file (`kaihu.sqlite`), created if missing. `:memory:` for tests. */
	dataDir: string;
}

/**
 * Opens storage and runs pending migrations.
 *
 * @example
 * const storage = await openStorage({ dataDir: 'data' }); // SQLite at data/kaihu.sqlite
 * const pgStorage = await openStorage({ dataDir: 'data', databaseUrl: process.env.DATABASE_URL });
 */
export async function openStorage(opts: StorageOptions): Promise<Storage> {
	const { db, kind, wal } = opts.databaseUrl
		? { db: postgres(opts.databaseUrl), kind: 'postgres' as const, wal: undefined }
		: { ...sqlite(opts.dataDir), kind: 'sqlite' as const };
	try {
		await migrate(db);
	} catch (err) {
		await db.destroy();
		await wal?.close();
		throw err;
	}
	const nothingToSync = () => Promise.resolve();
	return {
		db,
		kind,
		durable: wal ? () => wal.barrier.durable() : nothingToSync,
		close: async () => {
			await db.destroy();
			await wal?.close();
		}
	};
}

function sqlite(dataDir: string) {
	let file = ':memory:';
	if (dataDir !== ':memory:') {
		mkdirSync(dataDir, { recursive: true });
		file = join(dataDir, 'kaihu.sqlite');
	}
	const database = new SqliteDatabase(file);
	// WAL: readers do not block the single writer; a crash mid-write leaves the last commit intact.
	database.pragma('journal_mode = WAL');
	// NORMAL: no fsync inside a commit (it would stall the event loop); the API's answers wait for
	// `durable()` instead, one shared fsync off the loop — see ./durability.ts and server/README.md.
	database.pragma('synchronous = NORMAL');
	database.pragma('foreign_keys = ON');
	database.pragma('busy_timeout = 5000');
	const db = new Kysely<Database>({
		dialect: new SqliteDialect({ database: cachingDatabase(database) })
	});
	return { db, wal: file === ':memory:' ? undefined : walBarrier(file) };
}

function postgres(connectionString: string): Kysely<Database> {
	const pool = new pg.Pool({ connectionString, max: 10 });
	// A dropped connection (database restart, failover, an admin's pg_terminate_backend) arrives as
	// an 'error' event on the pool (idle client) or on a checked-out client between queries;
	// unhandled, it ends the whole server. The pool discards the broken client and the next query
	// connects again. Found by the chaos bench's PostgreSQL restarts (scripts/bench/reliability).
	const lost = (err: Error) =>
		console.error(
			JSON.stringify({ level: 'warn', msg: 'postgres connection lost', reason: err.message })
		);
	pool.on('error', lost);
	pool.on('connect', (client) => client.on('error', lost));
	return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

async function migrate(db: Kysely<Database>): Promise<void> {
	const migrator = new Migrator({ db, provider: migrationProvider });
	const { error, results } = await migrator.migrateToLatest();
	const failed = results?.find((r) => r.status === 'Error');
	if (error || failed) {
		const reason = error instanceof Error ? error.message : String(error ?? '');
		throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${reason}`);
	}
}
