/**
 * Test helper: the storage backends every storage test runs against. SQLite always; PostgreSQL
 * when the global setup started a cluster (each call gets a fresh, empty database).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openStorage, type Storage, type StorageKind } from './index.ts';

export interface Backend {
	kind: StorageKind;
	open(): Promise<Storage>;
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
	const list: Backend[] = [{ kind: 'sqlite', open: () => openStorage({ dataDir: ':memory:' }) }];
	const adminUrl = inject('pgAdminUrl');
	if (adminUrl) {
		list.push({
			kind: 'postgres',
			open: async () =>
				openStorage({ dataDir: ':memory:', databaseUrl: await freshPostgresDatabase(adminUrl) })
		});
	}
	return list;
}
