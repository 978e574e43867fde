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
	throttle_events: ThrottleEventTable;
	robot_sessions: RobotSessionTable;
	robot_answers: RobotAnswerTable;
	robot_intake_seen: RobotIntakeSeenTable;
	witness_recording_segments: WitnessRecordingSegmentTable;
	witness_recording_seen: RobotIntakeSeenTable;
	witness_bookings: WitnessBookingTable;
	agent_presence: AgentPresenceTable;
	push_subscriptions: PushSubscriptionTable;
	jobs: JobTable;
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
	/** The face score the device computed (the server's own is `face_score`). */
	client_face_score: number | null;
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
	/** Which file of its kind: `live_photo`, `id_portrait`, … (null on older rows). */
	label: string | null;
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

/** Owned by `server/bookings/`. `due_at` is when the customer is to be called (now or the slot). */
export interface WitnessBookingTable {
	id: string;
	application_id: string;
	kind: string;
	due_at: string;
	/** `waiting` → `called` → `done`; or `expired` / `cancelled`. */
	state: string;
	agent_id: string | null;
	created_at: string;
	updated_at: string;
	called_at: string | null;
	reminded_at: string | null;
	no_agent_at: string | null;
	outcome: string | null;
}

/** Owned by `server/bookings/`: agents who marked themselves available for calls. */
export interface AgentPresenceTable {
	staff_id: string;
	available: number;
	updated_at: string;
}

/** Owned by `server/bookings/`: a customer device's Web Push subscription. */
export interface PushSubscriptionTable {
	id: string;
	application_id: string;
	endpoint: string;
	p256dh: string;
	auth: string;
	created_at: string;
}

/** Owned by `server/auth/store-throttle.ts`: one failure per row; keys are sha256, never clear. */
export interface ThrottleEventTable {
	id: string;
	scope: string;
	key_hash: string;
	at: string;
}

/** Owned by `server/robot/`: one self-service witness attempt of an application. */
export interface RobotSessionTable {
	id: string;
	application_id: string;
	/** sha256 of the session's upload key (the device proves its answers with the key). */
	upload_key_hash: string;
	script_version: number;
	/** JSON: the questions asked (`RobotQuestion[]`), as they were at creation. */
	questions: string;
	/** `recording` → `awaiting_review` → `reviewed`. */
	state: string;
	created_at: string;
	submitted_at: string | null;
	reviewed_at: string | null;
	reviewed_by: string | null;
	/** `accepted` | `manual_review` once reviewed. */
	outcome: string | null;
}

/** Owned by `server/robot/`: one recorded answer, linked to its intake record and blob. */
export interface RobotAnswerTable {
	session_id: string;
	question_id: string;
	question_index: number;
	record_id: string;
	blob_sha256: string;
	bytes: number;
	mime_type: string;
	duration_ms: number;
	received_at: string;
	/** `ok` | `flag` once an agent looked at it. */
	mark: string | null;
	note: string | null;
	/** When retention deleted the answer's blob (migration 0100). */
	purged_at?: string | null;
}

/** Owned by `server/robot/`: intake records the robot module has read (and what came of it). */
export interface RobotIntakeSeenTable {
	record_id: string;
	result: string;
}

/** Owned by `server/witness-recordings/`: one uploaded segment of a witness-call recording. */
export interface WitnessRecordingSegmentTable {
	record_id: string;
	recording_id: string;
	booking_id: string;
	/** The party whose device recorded: `customer` | `agent`. */
	role: string;
	/** `local` (the recording party's camera) | `remote` (the other party as received). */
	side: string;
	segment: number;
	final: number;
	mime_type: string;
	/** JSON: the segment's blobs `{ sha256, bytes }[]`, in playback order. */
	blobs: string;
	bytes: number;
	/** 1 when the call credential in the record verified for this booking and role. */
	verified: number;
	started_at: string;
	received_at: string;
	/** When retention deleted the segment's blobs (migration 0100). */
	purged_at?: string | null;
}

/** Owned by `server/jobs/`: work done after the request that asked for it (migration 0110). */
export interface JobTable {
	id: string;
	/** e.g. `submission.process` (one job of a kind per application). */
	kind: string;
	application_id: string;
	/** JSON, never PII (the job reads sealed data from the application's own rows). */
	payload: string;
	/** `queued` | `running` | `done` | `failed`. */
	state: string;
	/** Claims so far (a claim after a lost lease counts too). */
	attempts: number;
	/** Who holds the job while `running`, and until when; an expired lease is claimed again. */
	lease_owner: string | null;
	lease_expires_at: string | null;
	/** Not claimed before this time (retry backoff). */
	run_after: string;
	/** The last failure's code (a typed code, never a message with data in it). */
	last_error: string | null;
	created_at: string;
	updated_at: string;
	finished_at: string | null;
}
