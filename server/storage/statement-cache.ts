/**
 * Prepared-statement reuse for the embedded SQLite database. Kysely's SQLite driver calls
 * `prepare(sql)` for every query; with better-sqlite3 that compiles the SQL again each time,
 * which was the largest single cost of a `GET /api/health` or a `POST /api/records` (profile in
 * `server/README.md`). The query builder's SQL text has its values as `?` parameters, so a
 * handful of distinct statements cover the whole server; they are kept in a bounded LRU.
 *
 * Safe because Kysely runs one query at a time on its single SQLite connection, and the
 * server never streams (`iterate`) a query, which would hold its statement busy.
 */
import type SqliteDatabase from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase } from 'kysely';

export const STATEMENT_CACHE_SIZE = 512;

export function cachingDatabase(
	database: SqliteDatabase.Database,
	size = STATEMENT_CACHE_SIZE
): KyselySqliteDatabase {
	const cache = new Map<string, SqliteDatabase.Statement>();
	return {
		close: () => void database.close(),
		prepare(sql: string) {
			let stmt = cache.get(sql);
			if (stmt) {
				// Most recently used last: the first key is the one to evict.
				cache.delete(sql);
			} else {
				stmt = database.prepare(sql);
				if (cache.size >= size) cache.delete(cache.keys().next().value as string);
			}
			cache.set(sql, stmt);
			return stmt;
		}
	};
}
