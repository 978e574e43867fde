/**
 * Database schema as Kysely sees it. Each table is owned by one module; add tables through a
 * new migration in `./migrations/` (never edit a shipped one).
 */
export interface ServerMetaTable {
	key: string;
	value: string;
	updated_at: string;
}

/** Owned by `server/intake/records-store.ts`. */
export interface IntakeRecordsTable {
	id: string;
	idempotency_key: string;
	payload_hash: string;
	kind: string;
	payload: string;
	blobs: string;
	received_at: string;
}

export interface Database {
	server_meta: ServerMetaTable;
	intake_records: IntakeRecordsTable;
}
