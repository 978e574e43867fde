import { describe, expect, it } from 'vitest';
import {
	APPLICATION_EVENT_TYPES,
	APPLICATION_STATES,
	TERMINAL_STATES,
	transition,
	type ApplicationEvent,
	type ApplicationEventType,
	type ApplicationState
} from './application.ts';

function event(type: ApplicationEventType, reason = 'because'): ApplicationEvent {
	if (type === 'reject' || type === 'escalate') return { type, reason };
	return { type } as ApplicationEvent;
}

const ALLOWED: [ApplicationState, ApplicationEventType, ApplicationState][] = [
	['draft', 'submit', 'submitted'],
	['submitted', 'registry_passed', 'witness_pending'],
	['submitted', 'reject', 'rejected'],
	['submitted', 'escalate', 'manual_review'],
	['witness_pending', 'witness_completed', 'witnessed'],
	['witness_pending', 'reject', 'rejected'],
	['witness_pending', 'escalate', 'manual_review'],
	['witnessed', 'start_review', 'under_review'],
	['witnessed', 'escalate', 'manual_review'],
	['under_review', 'approve', 'approved'],
	['under_review', 'reject', 'rejected'],
	['under_review', 'escalate', 'manual_review'],
	['manual_review', 'approve', 'approved'],
	['manual_review', 'reject', 'rejected'],
	['manual_review', 'return_to_witness', 'witness_pending']
];

describe('application state machine', () => {
	it.each(ALLOWED)('%s --%s--> %s', (from, type, to) => {
		expect(transition(from, event(type))).toMatchObject({ ok: true, state: to });
	});

	const forbidden = APPLICATION_STATES.flatMap((s) =>
		APPLICATION_EVENT_TYPES.filter((t) => !ALLOWED.some(([f, e]) => f === s && e === t)).map(
			(t) => [s, t] as const
		)
	);

	it('enumerates every forbidden pair (8 states × 8 events − allowed)', () => {
		expect(forbidden.length).toBe(8 * 8 - ALLOWED.length);
	});

	it.each(forbidden)('%s --%s--> is forbidden', (from, type) => {
		expect(transition(from, event(type))).toMatchObject({
			ok: false,
			code: 'forbidden_transition'
		});
	});

	it('terminal states accept no event', () => {
		for (const s of TERMINAL_STATES)
			for (const t of APPLICATION_EVENT_TYPES) expect(transition(s, event(t)).ok).toBe(false);
	});

	it('reject and escalate need a non-blank reason, which is kept', () => {
		expect(transition('under_review', { type: 'reject', reason: '  ' })).toMatchObject({
			ok: false,
			code: 'reason_required'
		});
		expect(transition('under_review', { type: 'reject', reason: ' blurry card ' })).toEqual({
			ok: true,
			state: 'rejected',
			reason: 'blurry card'
		});
	});
});
