/**
 * Manual review, shared by the server (queue) and the reviewer console: why an application is
 * waiting for a human, and the reason codes a reviewer rejects with. Pure: no I/O.
 */

/** Why an application is in the manual-review queue (from the state machine's escalation reason). */
export const REVIEW_CATEGORIES = [
	'liveness_failed',
	'no_registry_photo',
	'low_face_score',
	'robot_session',
	'registry',
	'high_risk',
	'other'
] as const;
export type ReviewCategory = (typeof REVIEW_CATEGORIES)[number];

/**
 * The category of an escalation reason such as `registry:no_registry_photo`, `face:low_score`,
 * `liveness:failed_3_times` or `witness:robot_session`.
 */
export function reviewCategory(reason: string | null | undefined): ReviewCategory {
	const r = (reason ?? '').toLowerCase();
	if (r.startsWith('liveness')) return 'liveness_failed';
	if (r === 'registry:no_registry_photo') return 'no_registry_photo';
	if (r.startsWith('face:') || r === 'registry:different_person') return 'low_face_score';
	if (r.includes('robot')) return 'robot_session';
	if (r.startsWith('registry:')) return 'registry';
	if (r.startsWith('kyc:')) return 'high_risk';
	return 'other';
}

/** Reason codes a reviewer picks when rejecting (sent as `reason`, optionally `code: note`). */
export const REJECT_REASONS = [
	'face_mismatch',
	'document_invalid',
	'liveness_failed',
	'registry_mismatch',
	'suspected_fraud',
	'incomplete',
	'other'
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/** The `reason` string of a rejection: the code, and the reviewer's note after a colon. */
export function rejectReason(code: RejectReason, note = ''): string {
	const n = note.trim();
	return n ? `${code}: ${n}`.slice(0, 500) : code;
}
