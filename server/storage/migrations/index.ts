import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-init.ts';
import * as m0002 from './0002-server-core.ts';
import * as m0020 from './0020-intake-records.ts';
import * as m0050 from './0050-liveness-challenges.ts';

/**
 * Migrations are compiled into the server (no directory scanning), applied in key order.
 * Append new ones; never edit or reorder a shipped migration.
 */
const MIGRATIONS: Record<string, Migration> = {
	'0001-init': m0001,
	'0002-server-core': m0002,
	'0020-intake-records': m0020,
	'0050-liveness-challenges': m0050
};

export const migrationProvider: MigrationProvider = {
	getMigrations: () => Promise.resolve(MIGRATIONS)
};
