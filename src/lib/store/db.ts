import Dexie, { type DexieOptions, type EntityTable, type Table } from 'dexie';
import type { Sealed } from './crypto.ts';
import { DB_NAME } from './db-name.ts';

/**
 * The device database: the only place the schema is declared. Every `version(n)` stays here
 * forever (Dexie upgrades old devices step by step); add a new version, never edit a shipped one.
 * Each table has one owning module, the only one that reads or writes it:
 *
 * | table          | owner             | holds                                             |
 * | -------------- | ----------------- | ------------------------------------------------- |
 * | `applications` | `applications.ts` | application status; PII sealed                    |
 * | `captures`     | `captures.ts`     | drafts being captured; PII sealed                 |
 * | `chunks`       | `recordings.ts`   | photos / recordings, sealed in 1 MiB chunks       |
 * | `outbox`       | `outbox.ts`       | final records waiting for the server; PII sealed  |
 * | `settings`     | `settings.ts`     | device preferences (no PII)                       |
 * | `keys`         | `crypto.ts`       | the non-extractable AES-GCM device key            |
 */
export { DB_NAME };

export interface ApplicationRow {
	id: string;
	status: string;
	updatedAt: number;
	sealed: Sealed;
}

export interface CaptureRow {
	id: string;
	kind: string;
	createdAt: number;
	updatedAt: number;
	sealed: Sealed;
	blobs: BlobRef[];
}

/** A photo or recording stored in sealed chunks; `sha256` is of the plaintext bytes. */
export interface BlobRef {
	id: string;
	name: string;
	type: string;
	bytes: number;
	sha256: string;
	chunks: number;
}

export interface ChunkRow {
	blobId: string;
	index: number;
	sealed: Sealed;
}

/** Where an outbox entry stands; `sent` rows are PII-free tombstones kept for the status list. */
export type OutboxState = 'queued' | 'uploading' | 'sent' | 'failed';

export interface OutboxRow {
	/** Client-generated record id (UUID), the server's primary key for it. */
	id: string;
	/** Sent with every attempt: the server answers a replay with its first result. */
	idempotencyKey: string;
	kind: string;
	state: OutboxState;
	createdAt: number;
	attempts: number;
	nextAttemptAt: number;
	lastError?: { code: string; zh: string; en: string; retryable: boolean } | undefined;
	/** The record's JSON payload, sealed; removed once the server confirms. */
	sealed?: Sealed | undefined;
	blobs: OutboxBlob[];
	sentAt?: number | undefined;
	/** Bytes already on the server (all blobs), for the progress bar. */
	uploadedBytes: number;
	totalBytes: number;
}

export interface OutboxBlob extends BlobRef {
	/** tus upload URL, kept so an interrupted upload resumes after reloads and restarts. */
	uploadUrl?: string | undefined;
	done: boolean;
}

export interface SettingRow {
	key: string;
	value: unknown;
}

export interface KeyRow {
	name: string;
	key: CryptoKey;
}

export type KaihuDb = Dexie & {
	applications: EntityTable<ApplicationRow, 'id'>;
	captures: EntityTable<CaptureRow, 'id'>;
	chunks: Table<ChunkRow, [string, number]>;
	outbox: EntityTable<OutboxRow, 'id'>;
	settings: EntityTable<SettingRow, 'key'>;
	keys: EntityTable<KeyRow, 'name'>;
};

/**
 * Opens (and upgrades) the device database. Tests pass fake-indexeddb through `options`.
 *
 * @example
 * const db = openDb();
 * const queued = await db.outbox.where('state').equals('queued').count();
 */
export function openDb(name = DB_NAME, options?: DexieOptions): KaihuDb {
	const db = new Dexie(name, options) as KaihuDb;
	db.version(1).stores({
		applications: 'id, status, updatedAt',
		captures: 'id, kind, updatedAt',
		chunks: '[blobId+index], blobId',
		outbox: 'id, &idempotencyKey, state, createdAt',
		settings: 'key',
		keys: 'name'
	});
	return db;
}

let shared: KaihuDb | undefined;

/** The page's one database handle (opened lazily). */
export function db(): KaihuDb {
	shared ??= openDb();
	return shared;
}
