import type { Kysely } from 'kysely';

/**
 * The durable job table (`server/jobs/`): work the server does after answering a request (the
 * submission's form PDF and face re-check). A job is claimed with a lease (owner + expiry); an
 * expired lease is claimed again, a failing job is retried after `run_after`, and one that keeps
 * failing ends `failed` with its error code. At most one job of a kind per application.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('jobs')
		.addColumn('id', 'varchar(36)', (c) => c.primaryKey())
		.addColumn('kind', 'varchar(32)', (c) => c.notNull())
		.addColumn('application_id', 'varchar(36)', (c) => c.notNull().references('applications.id'))
		.addColumn('payload', 'text', (c) => c.notNull())
		.addColumn('state', 'varchar(16)', (c) => c.notNull())
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('lease_owner', 'varchar(128)')
		.addColumn('lease_expires_at', 'varchar(32)')
		.addColumn('run_after', 'varchar(32)', (c) => c.notNull())
		.addColumn('last_error', 'varchar(64)')
		.addColumn('created_at', 'varchar(32)', (c) => c.notNull())
		.addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
		.addColumn('finished_at', 'varchar(32)')
		.execute();
	await db.schema
		.createIndex('jobs_kind_application')
		.on('jobs')
		.columns(['kind', 'application_id'])
		.unique()
		.execute();
	await db.schema
		.createIndex('jobs_state_run_after')
		.on('jobs')
		.columns(['state', 'run_after'])
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('jobs').execute();
}
