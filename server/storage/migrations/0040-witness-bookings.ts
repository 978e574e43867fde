import type { Kysely } from 'kysely';

/**
 * Witness bookings (`server/bookings/`): the booking queue, agents' availability and the
 * customers' Web Push subscriptions.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('witness_bookings')
		.addColumn('id', 'varchar(32)', (c) => c.primaryKey())
		.addColumn('application_id', 'varchar(36)', (c) => c.notNull())
		.addColumn('kind', 'varchar(8)', (c) => c.notNull())
		.addColumn('due_at', 'varchar(32)', (c) => c.notNull())
		.addColumn('state', 'varchar(16)', (c) => c.notNull())
		.addColumn('agent_id', 'varchar(36)')
		.addColumn('created_at', 'varchar(32)', (c) => c.notNull())
		.addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
		.addColumn('called_at', 'varchar(32)')
		.addColumn('reminded_at', 'varchar(32)')
		.addColumn('no_agent_at', 'varchar(32)')
		.addColumn('outcome', 'varchar(16)')
		.execute();
	await db.schema
		.createIndex('witness_bookings_queue')
		.on('witness_bookings')
		.columns(['state', 'due_at', 'created_at'])
		.execute();
	await db.schema
		.createIndex('witness_bookings_application')
		.on('witness_bookings')
		.column('application_id')
		.execute();
	await db.schema
		.createTable('agent_presence')
		.addColumn('staff_id', 'varchar(36)', (c) => c.primaryKey())
		.addColumn('available', 'integer', (c) => c.notNull())
		.addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('push_subscriptions')
		.addColumn('id', 'varchar(36)', (c) => c.primaryKey())
		.addColumn('application_id', 'varchar(36)', (c) => c.notNull())
		.addColumn('endpoint', 'text', (c) => c.notNull())
		.addColumn('p256dh', 'varchar(200)', (c) => c.notNull())
		.addColumn('auth', 'varchar(100)', (c) => c.notNull())
		.addColumn('created_at', 'varchar(32)', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('push_subscriptions_application')
		.on('push_subscriptions')
		.column('application_id')
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('push_subscriptions').execute();
	await db.schema.dropTable('agent_presence').execute();
	await db.schema.dropTable('witness_bookings').execute();
}
