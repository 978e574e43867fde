/**
 * Database schema as Kysely sees it. Each table is owned by one module; add tables through a
 * new migration in `./migrations/` (never edit a shipped one).
 */
export interface ServerMetaTable {
	key: string;
	value: string;
	updated_at: string;
}

export interface Database {
	server_meta: ServerMetaTable;
}
