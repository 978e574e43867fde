import type { Kysely } from 'kysely';

/** Server metadata (instance id, schema facts). Portable across SQLite and PostgreSQL. */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('server_meta')
		.addColumn('key', 'varchar(64)', (c) => c.primaryKey())
		.addColumn('value', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('server_meta').execute();
}
