import type { Kysely } from 'kysely';

/**
 * When retention deleted the blobs of a witness-call recording segment or a self-service answer
 * (face video kept in the blob store, not in `app_files`): the row, its sha256 and size stay.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.alterTable('witness_recording_segments')
		.addColumn('purged_at', 'varchar(32)')
		.execute();
	await db.schema.alterTable('robot_answers').addColumn('purged_at', 'varchar(32)').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable('robot_answers').dropColumn('purged_at').execute();
	await db.schema.alterTable('witness_recording_segments').dropColumn('purged_at').execute();
}
