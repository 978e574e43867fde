import type { Kysely } from 'kysely';

/**
 * Liveness challenges issued to applications (`server/liveness/`): the steps the server asked for,
 * single use, with the outcome the client reported and the server's verdict. The evidence (best
 * frame, clip) lives in `app_files` (encrypted, purged by retention).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('liveness_challenges')
		.addColumn('nonce', 'varchar(64)', (c) => c.primaryKey())
		.addColumn('application_id', 'varchar(36)', (c) => c.notNull().references('applications.id'))
		.addColumn('steps', 'text', (c) => c.notNull())
		.addColumn('step_timeout_ms', 'integer', (c) => c.notNull())
		.addColumn('issued_at', 'varchar(32)', (c) => c.notNull())
		.addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
		.addColumn('answered_at', 'varchar(32)')
		.addColumn('outcome', 'varchar(16)')
		.addColumn('reason', 'varchar(32)')
		.addColumn('result', 'text')
		.addColumn('frame_file_id', 'varchar(36)')
		.addColumn('clip_file_id', 'varchar(36)')
		.execute();
	await db.schema
		.createIndex('liveness_challenges_application')
		.on('liveness_challenges')
		.column('application_id')
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('liveness_challenges').execute();
}
