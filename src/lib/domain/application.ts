/**
 * The application state machine, shared by the client and the server. Pure: no I/O.
 *
 * draft → submitted → witness_pending → witnessed → under_review → approved | rejected | manual_review.
 * Manual review is where anything a machine cannot decide goes (no registry photo, repeated
 * registry failures, high risk); a reviewer leaves it by approving, rejecting or sending the
 * customer back to the witness call.
 */

export const APPLICATION_STATES = [
	'draft',
	'submitted',
	'witness_pending',
	'witnessed',
	'under_review',
	'approved',
	'rejected',
	'manual_review'
] as const;

export type ApplicationState = (typeof APPLICATION_STATES)[number];

/** Events that move an application. `reject` always carries a reason. */
export type ApplicationEvent =
	| { type: 'submit' }
	| { type: 'registry_passed' }
	| { type: 'witness_completed' }
	| { type: 'start_review' }
	| { type: 'approve' }
	| { type: 'reject'; reason: string }
	| { type: 'escalate'; reason: string }
	| { type: 'return_to_witness' };

export type ApplicationEventType = ApplicationEvent['type'];

export const APPLICATION_EVENT_TYPES: readonly ApplicationEventType[] = [
	'submit',
	'registry_passed',
	'witness_completed',
	'start_review',
	'approve',
	'reject',
	'escalate',
	'return_to_witness'
];

/** Final states: nothing leaves them. */
export const TERMINAL_STATES: readonly ApplicationState[] = ['approved', 'rejected'];

/** Allowed transitions: state → event → next state. Anything not listed is forbidden. */
export const TRANSITIONS: Readonly<
	Record<ApplicationState, Partial<Record<ApplicationEventType, ApplicationState>>>
> = {
	draft: { submit: 'submitted' },
	submitted: { registry_passed: 'witness_pending', reject: 'rejected', escalate: 'manual_review' },
	witness_pending: {
		witness_completed: 'witnessed',
		reject: 'rejected',
		escalate: 'manual_review'
	},
	witnessed: { start_review: 'under_review', escalate: 'manual_review' },
	under_review: { approve: 'approved', reject: 'rejected', escalate: 'manual_review' },
	manual_review: { approve: 'approved', reject: 'rejected', return_to_witness: 'witness_pending' },
	approved: {},
	rejected: {}
};

/** Result of {@link transition}: the next state, or why the event is not allowed. */
export type TransitionResult =
	| { ok: true; state: ApplicationState; reason?: string }
	| { ok: false; code: 'forbidden_transition' | 'reason_required'; message: string };

/**
 * Applies `event` to `state`.
 *
 * @example
 * transition('draft', { type: 'submit' }); // { ok: true, state: 'submitted' }
 * transition('approved', { type: 'reject', reason: 'x' }); // { ok: false, code: 'forbidden_transition', … }
 */
export function transition(state: ApplicationState, event: ApplicationEvent): TransitionResult {
	const next = TRANSITIONS[state][event.type];
	if (!next) {
		return {
			ok: false,
			code: 'forbidden_transition',
			message: `Cannot ${event.type} an application in state ${state} / 当前状态不允许此操作`
		};
	}
	if (event.type === 'reject' || event.type === 'escalate') {
		const reason = event.reason.trim();
		if (!reason) {
			return {
				ok: false,
				code: 'reason_required',
				message: 'A reason is required / 需要填写原因'
			};
		}
		return { ok: true, state: next, reason };
	}
	return { ok: true, state: next };
}
