/**
 * Vocabulary of the video witness shared by the client and the server: scripted questions, the
 * agent's commands to the customer, and the reason codes of the agent's decision. Pure: no I/O.
 */

/** Scripted questions the agent asks and ticks (KYC and the purpose of the account). */
export const WITNESS_QUESTIONS = [
	'identity_confirm',
	'own_will',
	'purpose',
	'occupation',
	'no_lending'
] as const;
export type WitnessQuestion = (typeof WITNESS_QUESTIONS)[number];

/** Commands the agent sends over the call's data connection; the customer's page shows them. */
export const WITNESS_COMMANDS = ['show_id', 'show_surroundings', 'hold_still'] as const;
export type WitnessCommand = (typeof WITNESS_COMMANDS)[number];

/** The agent's decision at the end of the call. */
export const WITNESS_DECISIONS = ['approve', 'reject', 'escalate'] as const;
export type WitnessDecision = (typeof WITNESS_DECISIONS)[number];

/** Reason codes per decision: stable identifiers for the audit log and the reviewer. */
export const WITNESS_REASONS = {
	approve: ['identity_confirmed', 'document_matches', 'answers_consistent'],
	reject: [
		'id_mismatch',
		'document_not_shown',
		'coercion_suspected',
		'third_party_present',
		'refused_questions'
	],
	escalate: ['poor_connection', 'unclear_purpose', 'needs_second_review']
} as const satisfies Record<WitnessDecision, readonly string[]>;
export type WitnessReason = (typeof WITNESS_REASONS)[WitnessDecision][number];

/** Booking states: `waiting` → `called` → `done`, or `expired` / `cancelled`. */
export const BOOKING_STATES = ['waiting', 'called', 'done', 'expired', 'cancelled'] as const;
export type BookingState = (typeof BOOKING_STATES)[number];

/** A booking as the customer sees it (`GET /api/applications/:id/bookings/:booking`). */
export interface BookingStatus {
	id: string;
	state: BookingState;
	kind: 'now' | 'slot';
	dueAt: string;
	/** 1-based place in the queue of due bookings; null when not (yet) waiting in it. */
	position: number | null;
	agentsAvailable: number;
	/** No agent took the booking within the server's limit: offer the robot (self-service) mode. */
	noAgent: boolean;
}

/** Is `at` a bookable slot: not in the past (1 min grace) and within the next 24 hours? */
export function isBookableSlot(at: Date, now: Date): boolean {
	const d = at.getTime() - now.getTime();
	return d >= -60_000 && d <= 24 * 3600_000;
}
