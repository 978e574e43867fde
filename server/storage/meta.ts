import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** Reads one server metadata value, or `undefined`. */
export async function getMeta(db: Kysely<Database>, key: string): Promise<string | undefined> {
	const row = await db
		.selectFrom('server_meta')
		.select('value')
		.where('key', '=', key)
		.executeTakeFirst();
	return row?.value;
}

/** Inserts or replaces a server metadata value (an upsert that works on SQLite and PostgreSQL). */
export async function setMeta(db: Kysely<Database>, key: string, value: string): Promise<void> {
	const updated_at = new Date().toISOString();
	await db
		.insertInto('server_meta')
		.values({ key, value, updated_at })
		.onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at }))
		.execute();
}

/**
 * Returns this installation's id, creating it on first start. Concurrent first starts agree:
 * the insert is `ON CONFLICT DO NOTHING` and everyone re-reads the winner.
 */
export async function instanceId(db: Kysely<Database>): Promise<string> {
	await db
		.insertInto('server_meta')
		.values({
			key: 'instance_id',
			value: crypto.randomUUID(),
			updated_at: new Date().toISOString()
		})
		.onConflict((oc) => oc.column('key').doNothing())
		.execute();
	const id = await getMeta(db, 'instance_id');
	if (!id) throw new Error('instance_id missing after insert');
	return id;
}
