/**
 * Test helper: the storage backends every storage test runs against. SQLite always; PostgreSQL
 * when the global setup started a cluster (each call gets a fresh, empty database).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { openStorage, type Storage, type StorageKind, type StorageOptions } from './index.ts';

export interface Backend {
	kind: StorageKind;
	open(): Promise<Storage>;
	/**
	 * PostgreSQL only: two handles (own pools) on one fresh database, like two server instances.
	 * (Two SQLite connections in one process would block each other: better-sqlite3 waits for a
	 * lock synchronously, on the thread the other connection needs to commit.)
	 */
	openTwo?(): Promise<[Storage, Storage]>;
	/** PostgreSQL only: like {@link openTwo}, both opened at the same moment (a simultaneous first start: both run the migrations). */
	openTwoAtOnce?(): Promise<[Storage, Storage]>;
}

async function freshPostgresDatabase(adminUrl: string): Promise<string> {
	const name = `kaihu_${randomBytes(6).toString('hex')}`;
	const client = new pg.Client({ connectionString: adminUrl });
	await client.connect();
	try {
		await client.query(`CREATE DATABASE ${name}`);
	} finally {
		await client.end();
	}
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return url.toString();
}

/** Backends for `describe.each`; PostgreSQL is left out (and its absence printed) when skipped. */
export function backends(): Backend[] {
	const two = async (o: StorageOptions): Promise<[Storage, Storage]> => [
		await openStorage(o),
		await openStorage(o)
	];
	const list: Backend[] = [{ kind: 'sqlite', open: () => openStorage({ dataDir: ':memory:' }) }];
	const adminUrl = inject('pgAdminUrl');
	if (adminUrl) {
		list.push({
			kind: 'postgres',
			open: async () =>
				openStorage({ dataDir: ':memory:', databaseUrl: await freshPostgresDatabase(adminUrl) }),
			openTwo: async () =>
				two({ dataDir: ':memory:', databaseUrl: await freshPostgresDatabase(adminUrl) }),
			openTwoAtOnce: async () => {
				const o = { dataDir: ':memory:', databaseUrl: await freshPostgresDatabase(adminUrl) };
				const [a, b] = await Promise.all([openStorage(o), openStorage(o)]);
				return [a, b];
			}
		});
	}
	return list;
}

/**
 * Inside a `describe`: a function that opens a fresh storage on `backend` and closes every one it
 * opened after the block.
 */
export function freshStorages(backend: Pick<Backend, 'open'>): () => Promise<Storage> {
	const opened: Storage[] = [];
	afterAll(async () => {
		await Promise.all(opened.map((s) => s.close()));
	});
	return async () => {
		const s = await backend.open();
		opened.push(s);
		return s;
	};
}
