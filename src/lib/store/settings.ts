import type { KaihuDb } from './db.ts';

/** Device preferences (no PII). Owns the `settings` table. */
export async function getSetting<T>(db: KaihuDb, key: string, fallback: T): Promise<T> {
	const row = await db.settings.get(key);
	return row === undefined ? fallback : (row.value as T);
}

export async function setSetting(db: KaihuDb, key: string, value: unknown): Promise<void> {
	await db.settings.put({ key, value });
}
