/**
 * The sync rule: a pure function from (state, now, events) to the next state and one action.
 * No I/O, no clock, no randomness — the runner feeds it and carries out what it says, and the
 * tests drive it through millions of random interleavings.
 *
 * Policy:
 * - Only final records are in the outbox (drafts never reach it); `sent` is terminal.
 * - One upload at a time, oldest due record first (FIFO).
 * - A retryable failure waits `backoffMs(attempts)` (2 s, 4 s, … capped at 5 min); a permanent
 *   one (conflict, validation) parks the record as `failed` until the user retries.
 * - Coming back online makes every waiting record due at once (the network, not the server, was
 *   the likely cause of the failures).
 */

export type EntryState = 'queued' | 'uploading' | 'sent' | 'failed';

export interface Entry {
	id: string;
	state: EntryState;
	attempts: number;
	nextAttemptAt: number;
	createdAt: number;
}

export interface SyncState {
	online: boolean;
	/** The record being uploaded right now, if any. */
	inFlight: string | null;
	entries: readonly Entry[];
}

export type WakeReason = 'open' | 'timer' | 'background-sync' | 'enqueued';

export type SyncEvent =
	| { type: 'online' }
	| { type: 'offline' }
	| { type: 'wake'; reason: WakeReason }
	| { type: 'enqueued'; entry: Entry }
	| { type: 'started'; id: string }
	| { type: 'succeeded'; id: string }
	| { type: 'failed'; id: string; retryable: boolean }
	| { type: 'retry'; id: string };

export type SyncAction =
	| { type: 'upload'; id: string }
	| { type: 'wait'; until: number }
	| { type: 'busy' }
	| { type: 'idle' };

export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_CAP_MS = 5 * 60_000;

/** Delay before attempt `attempts + 1` after `attempts` failures: 2 s · 2^(n−1), at most 5 min. */
export function backoffMs(attempts: number): number {
	if (attempts <= 0) return 0;
	return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempts - 1, 30));
}

const map = (s: SyncState, id: string, f: (e: Entry) => Entry): SyncState => ({
	...s,
	entries: s.entries.map((e) => (e.id === id ? f(e) : e))
});

/** Applies one event. Events about unknown or already-sent records change nothing. */
export function applyEvent(s: SyncState, now: number, ev: SyncEvent): SyncState {
	switch (ev.type) {
		case 'online':
			return {
				...s,
				online: true,
				entries: s.entries.map((e) =>
					e.state === 'queued' && e.nextAttemptAt > now ? { ...e, nextAttemptAt: now } : e
				)
			};
		case 'offline':
			return { ...s, online: false };
		case 'wake':
			return s;
		case 'enqueued':
			if (s.entries.some((e) => e.id === ev.entry.id)) return s;
			return { ...s, entries: [...s.entries, ev.entry] };
		case 'started':
			if (s.inFlight !== null) return s;
			return {
				...map(s, ev.id, (e) => (e.state === 'queued' ? { ...e, state: 'uploading' } : e)),
				inFlight: ev.id
			};
		case 'succeeded':
			return {
				...map(s, ev.id, (e) => ({ ...e, state: 'sent', nextAttemptAt: 0 })),
				inFlight: s.inFlight === ev.id ? null : s.inFlight
			};
		case 'failed':
			return {
				...map(s, ev.id, (e) => {
					if (e.state === 'sent') return e;
					const attempts = e.attempts + 1;
					return ev.retryable
						? { ...e, state: 'queued', attempts, nextAttemptAt: now + backoffMs(attempts) }
						: { ...e, state: 'failed', attempts, nextAttemptAt: 0 };
				}),
				inFlight: s.inFlight === ev.id ? null : s.inFlight
			};
		case 'retry':
			return map(s, ev.id, (e) =>
				e.state === 'failed' || e.state === 'queued'
					? { ...e, state: 'queued', nextAttemptAt: now }
					: e
			);
	}
}

/** What to do now, given a state (no events). */
export function nextAction(s: SyncState, now: number): SyncAction {
	if (s.inFlight !== null) return { type: 'busy' };
	if (!s.online) return { type: 'idle' };
	// An entry left `uploading` without being in flight was interrupted (reload, crash): resume it.
	const waiting = s.entries
		.filter((e) => e.state === 'queued' || e.state === 'uploading')
		.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
	const due = waiting.find((e) => e.nextAttemptAt <= now);
	if (due) return { type: 'upload', id: due.id };
	if (waiting.length === 0) return { type: 'idle' };
	return { type: 'wait', until: Math.min(...waiting.map((e) => e.nextAttemptAt)) };
}

/**
 * The sync rule: applies `events` in order, then decides.
 *
 * @example
 * const { state, action } = decide(state0, Date.now(), [{ type: 'online' }]);
 * if (action.type === 'upload') upload(action.id);
 */
export function decide(
	state: SyncState,
	now: number,
	events: readonly SyncEvent[] = []
): { state: SyncState; action: SyncAction } {
	const next = events.reduce((s, ev) => applyEvent(s, now, ev), state);
	return { state: next, action: nextAction(next, now) };
}
