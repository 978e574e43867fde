import type { Kysely } from 'kysely';

/**
 * The client's own face score next to the server's recomputed one, a label on stored files
 * (`live_photo`, `id_portrait`, …) so reviewers see which image is which, and failure events of
 * the store-backed throttles (login), shared by every instance and kept across restarts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.alterTable('applications')
		.addColumn('client_face_score', 'double precision')
		.execute();
	await db.schema.alterTable('app_files').addColumn('label', 'varchar(32)').execute();
	await db.schema
		.createTable('throttle_events')
		.addColumn('id', 'varchar(36)', (c) => c.primaryKey())
		.addColumn('scope', 'varchar(32)', (c) => c.notNull())
		.addColumn('key_hash', 'varchar(64)', (c) => c.notNull())
		.addColumn('at', 'varchar(32)', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('throttle_events_lookup')
		.on('throttle_events')
		.columns(['scope', 'key_hash', 'at'])
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('throttle_events').execute();
	await db.schema.alterTable('app_files').dropColumn('label').execute();
	await db.schema.alterTable('applications').dropColumn('client_face_score').execute();
}
