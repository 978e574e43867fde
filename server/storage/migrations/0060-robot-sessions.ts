import type { Kysely } from 'kysely';

/**
 * Robot (self-service) witness sessions (`server/robot/`): a session per attempt, one answer
 * recording per question (linked to the intake record and blob that carried it), and which intake
 * records the robot module has already read.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('robot_sessions')
		.addColumn('id', 'varchar(36)', (c) => c.primaryKey())
		.addColumn('application_id', 'varchar(36)', (c) => c.notNull())
		.addColumn('upload_key_hash', 'varchar(64)', (c) => c.notNull())
		.addColumn('script_version', 'integer', (c) => c.notNull())
		.addColumn('questions', 'text', (c) => c.notNull())
		.addColumn('state', 'varchar(20)', (c) => c.notNull())
		.addColumn('created_at', 'varchar(32)', (c) => c.notNull())
		.addColumn('submitted_at', 'varchar(32)')
		.addColumn('reviewed_at', 'varchar(32)')
		.addColumn('reviewed_by', 'varchar(36)')
		.addColumn('outcome', 'varchar(20)')
		.execute();
	await db.schema
		.createIndex('robot_sessions_state')
		.on('robot_sessions')
		.columns(['state', 'created_at'])
		.execute();
	await db.schema
		.createIndex('robot_sessions_application')
		.on('robot_sessions')
		.column('application_id')
		.execute();
	await db.schema
		.createTable('robot_answers')
		.addColumn('session_id', 'varchar(36)', (c) => c.notNull())
		.addColumn('question_id', 'varchar(64)', (c) => c.notNull())
		.addColumn('question_index', 'integer', (c) => c.notNull())
		.addColumn('record_id', 'varchar(36)', (c) => c.notNull())
		.addColumn('blob_sha256', 'varchar(64)', (c) => c.notNull())
		.addColumn('bytes', 'integer', (c) => c.notNull())
		.addColumn('mime_type', 'varchar(128)', (c) => c.notNull())
		.addColumn('duration_ms', 'integer', (c) => c.notNull())
		.addColumn('received_at', 'varchar(32)', (c) => c.notNull())
		.addColumn('mark', 'varchar(8)')
		.addColumn('note', 'text')
		.addPrimaryKeyConstraint('robot_answers_pk', ['session_id', 'question_id'])
		.execute();
	await db.schema
		.createTable('robot_intake_seen')
		.addColumn('record_id', 'varchar(36)', (c) => c.primaryKey())
		.addColumn('result', 'varchar(20)', (c) => c.notNull())
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('robot_intake_seen').execute();
	await db.schema.dropTable('robot_answers').execute();
	await db.schema.dropTable('robot_sessions').execute();
}
