import type { Kysely } from 'kysely';

/**
 * Staff, sessions, the audit chain, applications with their tokens/files/idempotency records,
 * accounts, notices and the embedded registry. Portable: timestamps are ISO strings, binary data
 * is base64 text (encrypted where it is PII), booleans are 0/1 integers.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('staff')
		.addColumn('id', 'varchar(36)', (c) => c.primaryKey())
		.addColumn('username', 'varchar(64)', (c) => c.notNull().unique())
		.addColumn('role', 'varchar(16)', (c) => c.notNull())
		.addColumn('password_hash', 'text', (c) => c.notNull())
		.addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'varchar(32)', (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('staff_sessions')
		.addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
		.addColumn('staff_id', 'varchar(36)', (c) => c.notNull().references('staff.id'))
		.addColumn('csrf_token', 'varchar(64)', (c) => c.notNull())
		.addColumn('created_at', 'varchar(32)', (c) => c.notNull())
		.addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('audit_log')
		.addColumn('seq', 'integer', (c) => c.primaryKey())
		.addColumn('at', 'varchar(32)', (c) => c.notNull())
		.addColumn('actor', 'varchar(100)', (c) => c.notNull())
		.addColumn('action', 'varchar(64)', (c) => c.notNull())
		.addColumn('subject', 'varchar(100)', (c) => c.notNull())
		.addColumn('detail', 'text', (c) => c.notNull())
		.addColumn('prev_hash', 'varchar(64)', (c) => c.notNull().unique())
		.addColumn('hash', 'varchar(64)', (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('applications')
		.addColumn('id', 'varchar(36)', (c) => c.primaryKey())
		.addColumn('state', 'varchar(20)', (c) => c.notNull())
		.addColumn('reason', 'text')
		.addColumn('pii', 'text')
		.addColumn('id_index', 'varchar(64)')
		.addColumn('kyc', 'text')
		.addColumn('risk', 'varchar(8)')
		.addColumn('registry_result', 'varchar(32)')
		.addColumn('face_score', 'double precision')
		.addColumn('form_sha256', 'varchar(64)')
		.addColumn('liveness_nonce', 'varchar(64)')
		.addColumn('created_at', 'varchar(32)', (c) => c.notNull())
		.addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
		.addColumn('decided_at', 'varchar(32)')
		.addColumn('decided_by', 'varchar(36)')
		.execute();
	await db.schema.createIndex('applications_state').on('applications').column('state').execute();
	await db.schema
		.createTable('app_tokens')
		.addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
		.addColumn('application_id', 'varchar(36)', (c) => c.notNull().references('applications.id'))
		.addColumn('created_at', 'varchar(32)', (c) => c.notNull())
		.addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
		.addColumn('revoked_at', 'varchar(32)')
		.execute();
	await db.schema
		.createTable('app_files')
		.addColumn('id', 'varchar(36)', (c) => c.primaryKey())
		.addColumn('application_id', 'varchar(36)', (c) => c.notNull().references('applications.id'))
		.addColumn('kind', 'varchar(32)', (c) => c.notNull())
		.addColumn('sha256', 'varchar(64)', (c) => c.notNull())
		.addColumn('data', 'text')
		.addColumn('created_at', 'varchar(32)', (c) => c.notNull())
		.addColumn('purged_at', 'varchar(32)')
		.execute();
	await db.schema
		.createTable('idempotency')
		.addColumn('application_id', 'varchar(36)', (c) => c.notNull())
		.addColumn('key', 'varchar(128)', (c) => c.notNull())
		.addColumn('request_hash', 'varchar(64)', (c) => c.notNull())
		.addColumn('status', 'integer', (c) => c.notNull())
		.addColumn('response', 'text', (c) => c.notNull())
		.addColumn('created_at', 'varchar(32)', (c) => c.notNull())
		.addPrimaryKeyConstraint('idempotency_pk', ['application_id', 'key'])
		.execute();
	await db.schema
		.createTable('accounts')
		.addColumn('account_number', 'varchar(19)', (c) => c.primaryKey())
		.addColumn('application_id', 'varchar(36)', (c) =>
			c.notNull().unique().references('applications.id')
		)
		.addColumn('account_class', 'varchar(4)', (c) => c.notNull())
		.addColumn('daily_outflow_limit_fen', 'integer', (c) => c.notNull())
		.addColumn('yearly_outflow_limit_fen', 'integer', (c) => c.notNull())
		.addColumn('created_at', 'varchar(32)', (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('notices')
		.addColumn('id', 'varchar(36)', (c) => c.primaryKey())
		.addColumn('application_id', 'varchar(36)', (c) => c.notNull().references('applications.id'))
		.addColumn('kind', 'varchar(32)', (c) => c.notNull())
		.addColumn('message', 'text', (c) => c.notNull())
		.addColumn('created_at', 'varchar(32)', (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('citizens')
		.addColumn('id_index', 'varchar(64)', (c) => c.primaryKey())
		.addColumn('record', 'text', (c) => c.notNull())
		.addColumn('portrait', 'text')
		.addColumn('created_at', 'varchar(32)', (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('registry_attempts')
		.addColumn('id', 'varchar(36)', (c) => c.primaryKey())
		.addColumn('id_index', 'varchar(64)', (c) => c.notNull())
		.addColumn('client', 'varchar(100)', (c) => c.notNull())
		.addColumn('ok', 'integer', (c) => c.notNull())
		.addColumn('at', 'varchar(32)', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('registry_attempts_id')
		.on('registry_attempts')
		.columns(['id_index', 'at'])
		.execute();
	await db.schema
		.createIndex('registry_attempts_client')
		.on('registry_attempts')
		.columns(['client', 'at'])
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	for (const t of [
		'registry_attempts',
		'citizens',
		'notices',
		'accounts',
		'idempotency',
		'app_files',
		'app_tokens',
		'applications',
		'audit_log',
		'staff_sessions',
		'staff'
	]) {
		await db.schema.dropTable(t).execute();
	}
}
