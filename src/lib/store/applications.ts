import type { KaihuDb } from './db.ts';
import { deviceKey, sealJson, unsealJson } from './crypto.ts';
import { guardQuota, StoreError } from './errors.ts';

/** Local application state (status in clear, PII sealed). Owns the `applications` table. */
const aad = (id: string) => `application:${id}`;

export async function saveApplication(
	db: KaihuDb,
	id: string,
	status: string,
	data: Record<string, unknown>,
	now = Date.now()
): Promise<void> {
	const sealed = await sealJson(await deviceKey(db), data, aad(id));
	await guardQuota(() => db.applications.put({ id, status, updatedAt: now, sealed }));
}

export async function loadApplication(
	db: KaihuDb,
	id: string
): Promise<{ status: string; data: Record<string, unknown> }> {
	const row = await db.applications.get(id);
	if (!row) throw new StoreError('not_found');
	const data = await unsealJson<Record<string, unknown>>(await deviceKey(db), row.sealed, aad(id));
	return { status: row.status, data };
}

/** Removes an application's local copy (after the server holds it). */
export async function forgetApplication(db: KaihuDb, id: string): Promise<void> {
	await db.applications.delete(id);
}
