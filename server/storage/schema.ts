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
	staff: StaffTable;
	staff_sessions: StaffSessionTable;
	audit_log: AuditLogTable;
	applications: ApplicationTable;
	app_tokens: AppTokenTable;
	app_files: AppFileTable;
	idempotency: IdempotencyTable;
	accounts: AccountTable;
	notices: NoticeTable;
	citizens: CitizenTable;
	registry_attempts: RegistryAttemptTable;
	intake_records: IntakeRecordsTable;
	liveness_challenges: LivenessChallengeTable;
}

/** Owned by `server/auth/`. */
export interface StaffTable {
	id: string;
	username: string;
	role: string;
	password_hash: string;
	disabled: number;
	created_at: string;
}

/** Owned by `server/auth/`: only the sha256 of the session token is stored. */
export interface StaffSessionTable {
	token_hash: string;
	staff_id: string;
	csrf_token: string;
	created_at: string;
	expires_at: string;
}

/** Owned by `server/audit/`: append-only, hash-chained. */
export interface AuditLogTable {
	seq: number;
	at: string;
	actor: string;
	action: string;
	subject: string;
	detail: string;
	prev_hash: string;
	hash: string;
}

/** Owned by `server/applications/`. `pii` is AES-256-GCM ciphertext; `id_index` an HMAC. */
export interface ApplicationTable {
	id: string;
	state: string;
	reason: string | null;
	pii: string | null;
	id_index: string | null;
	kyc: string | null;
	risk: string | null;
	registry_result: string | null;
	face_score: number | null;
	form_sha256: string | null;
	liveness_nonce: string | null;
	created_at: string;
	updated_at: string;
	decided_at: string | null;
	decided_by: string | null;
}

export interface AppTokenTable {
	token_hash: string;
	application_id: string;
	created_at: string;
	expires_at: string;
	revoked_at: string | null;
}

/** Signature, form PDF, face images: encrypted base64 in `data`, null once purged. */
export interface AppFileTable {
	id: string;
	application_id: string;
	kind: string;
	sha256: string;
	data: string | null;
	created_at: string;
	purged_at: string | null;
}

export interface IdempotencyTable {
	application_id: string;
	key: string;
	request_hash: string;
	status: number;
	response: string;
	created_at: string;
}

export interface AccountTable {
	account_number: string;
	application_id: string;
	account_class: string;
	daily_outflow_limit_fen: number;
	yearly_outflow_limit_fen: number;
	created_at: string;
}

export interface NoticeTable {
	id: string;
	application_id: string;
	kind: string;
	message: string;
	created_at: string;
}

/** Owned by `server/registry/`: the embedded registry's synthetic citizens. */
export interface CitizenTable {
	id_index: string;
	record: string;
	portrait: string | null;
	created_at: string;
}

export interface RegistryAttemptTable {
	id: string;
	id_index: string;
	client: string;
	ok: number;
	at: string;
}

/**
 * Owned by `server/liveness/`. `outcome`: null while unanswered, then `passed`, `failed`
 * (the client's engine failed), `rejected` (the server's re-check refused the result) or
 * `abandoned` (superseded by a newer challenge without an answer). All but `passed` count as failures.
 */
export interface LivenessChallengeTable {
	nonce: string;
	application_id: string;
	steps: string;
	step_timeout_ms: number;
	issued_at: string;
	expires_at: string;
	answered_at: string | null;
	outcome: string | null;
	reason: string | null;
	result: string | null;
	frame_file_id: string | null;
	clip_file_id: string | null;
}
