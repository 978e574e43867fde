import type { Kysely } from 'kysely';

/**
 * Records received from devices' outboxes (`server/intake/`), keyed by the client's id, with the
 * idempotency key unique so a replay finds the first result.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('intake_records')
		.addColumn('id', 'varchar(36)', (c) => c.primaryKey())
		.addColumn('idempotency_key', 'varchar(128)', (c) => c.notNull().unique())
		.addColumn('payload_hash', 'varchar(64)', (c) => c.notNull())
		.addColumn('kind', 'varchar(64)', (c) => c.notNull())
		.addColumn('payload', 'text', (c) => c.notNull())
		.addColumn('blobs', 'text', (c) => c.notNull())
		.addColumn('received_at', 'varchar(32)', (c) => c.notNull())
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('intake_records').execute();
}
