import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-init.ts';
import * as m0002 from './0002-server-core.ts';
import * as m0003 from './0003-review-scores-throttles.ts';
import * as m0020 from './0020-intake-records.ts';
import * as m0040 from './0040-witness-bookings.ts';
import * as m0050 from './0050-liveness-challenges.ts';
import * as m0060 from './0060-robot-sessions.ts';
import * as m0061 from './0061-witness-recordings.ts';
import * as m0100 from './0100-recording-purges.ts';
import * as m0110 from './0110-jobs.ts';

/**
 * Migrations are compiled into the server (no directory scanning), applied in key order.
 * Append new ones; never edit or reorder a shipped migration.
 */
const MIGRATIONS: Record<string, Migration> = {
	'0001-init': m0001,
	'0002-server-core': m0002,
	'0003-review-scores-throttles': m0003,
	'0020-intake-records': m0020,
	'0040-witness-bookings': m0040,
	'0050-liveness-challenges': m0050,
	'0060-robot-sessions': m0060,
	'0061-witness-recordings': m0061,
	'0100-recording-purges': m0100,
	'0110-jobs': m0110
};

export const migrationProvider: MigrationProvider = {
	getMigrations: () => Promise.resolve(MIGRATIONS)
};
