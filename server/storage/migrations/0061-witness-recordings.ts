import type { Kysely } from 'kysely';

/**
 * Witness-call recording segments from devices' outboxes (`server/witness-recordings/`): one row
 * per `witness-recording` intake record, linked to its booking, with its blobs (sha256, in order)
 * and whether the call credential it carried verified.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('witness_recording_segments')
		.addColumn('record_id', 'varchar(36)', (c) => c.primaryKey())
		.addColumn('recording_id', 'varchar(36)', (c) => c.notNull())
		.addColumn('booking_id', 'varchar(64)', (c) => c.notNull())
		.addColumn('role', 'varchar(16)', (c) => c.notNull())
		.addColumn('side', 'varchar(16)', (c) => c.notNull())
		.addColumn('segment', 'integer', (c) => c.notNull())
		.addColumn('final', 'integer', (c) => c.notNull())
		.addColumn('mime_type', 'varchar(128)', (c) => c.notNull())
		.addColumn('blobs', 'text', (c) => c.notNull())
		.addColumn('bytes', 'integer', (c) => c.notNull())
		.addColumn('verified', 'integer', (c) => c.notNull())
		.addColumn('started_at', 'varchar(32)', (c) => c.notNull())
		.addColumn('received_at', 'varchar(32)', (c) => c.notNull())
		.addUniqueConstraint('witness_recording_segments_order', ['recording_id', 'segment'])
		.execute();
	await db.schema
		.createIndex('witness_recording_segments_booking')
		.on('witness_recording_segments')
		.column('booking_id')
		.execute();
	await db.schema
		.createTable('witness_recording_seen')
		.addColumn('record_id', 'varchar(36)', (c) => c.primaryKey())
		.addColumn('result', 'varchar(20)', (c) => c.notNull())
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('witness_recording_seen').execute();
	await db.schema.dropTable('witness_recording_segments').execute();
}
