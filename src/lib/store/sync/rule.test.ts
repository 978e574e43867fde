import { describe, expect, it } from 'vitest';
import {
	BACKOFF_CAP_MS,
	backoffMs,
	decide,
	type Entry,
	type SyncEvent,
	type SyncState
} from './rule.ts';

const entry = (id: string, createdAt = 0): Entry => ({
	id,
	state: 'queued',
	attempts: 0,
	nextAttemptAt: createdAt,
	createdAt
});
const base = (entries: Entry[], online = true): SyncState => ({ online, inFlight: null, entries });

describe('sync rule: examples', () => {
	it('uploads the oldest due record first, one at a time', () => {
		const { state, action } = decide(base([entry('b', 2), entry('a', 1)]), 10);
		expect(action).toEqual({ type: 'upload', id: 'a' });
		const busy = decide(state, 10, [{ type: 'started', id: 'a' }]);
		expect(busy.action).toEqual({ type: 'busy' });
		expect(decide(busy.state, 11, [{ type: 'succeeded', id: 'a' }]).action).toEqual({
			type: 'upload',
			id: 'b'
		});
	});

	it('does nothing offline and nothing without records', () => {
		expect(decide(base([entry('a')], false), 5).action).toEqual({ type: 'idle' });
		expect(decide(base([]), 5).action).toEqual({ type: 'idle' });
	});

	it('backs off exponentially after retryable failures, capped at 5 minutes', () => {
		expect([1, 2, 3, 4, 8, 9, 50, 1e6].map(backoffMs)).toEqual([
			2000,
			4000,
			8000,
			16000,
			256000,
			BACKOFF_CAP_MS,
			BACKOFF_CAP_MS,
			BACKOFF_CAP_MS
		]);
		let s = base([entry('a')]);
		s = decide(s, 0, [{ type: 'started', id: 'a' }]).state;
		const r = decide(s, 100, [{ type: 'failed', id: 'a', retryable: true }]);
		expect(r.action).toEqual({ type: 'wait', until: 2100 });
		expect(decide(r.state, 2099).action.type).toBe('wait');
		expect(decide(r.state, 2100).action).toEqual({ type: 'upload', id: 'a' });
	});

	it('coming online makes waiting records due at once', () => {
		let s = base([{ ...entry('a'), attempts: 7, nextAttemptAt: 999_999 }], false);
		const r = decide(s, 50, [{ type: 'online' }]);
		expect(r.action).toEqual({ type: 'upload', id: 'a' });
		s = r.state;
		expect(s.entries[0]?.attempts).toBe(7);
	});

	it('parks permanent failures until the user retries', () => {
		let s = decide(base([entry('a')]), 0, [{ type: 'started', id: 'a' }]).state;
		const r = decide(s, 1, [{ type: 'failed', id: 'a', retryable: false }]);
		expect(r.state.entries[0]?.state).toBe('failed');
		expect(r.action).toEqual({ type: 'idle' });
		s = r.state;
		expect(decide(s, 1e9, [{ type: 'wake', reason: 'timer' }]).action).toEqual({ type: 'idle' });
		expect(decide(s, 5, [{ type: 'retry', id: 'a' }]).action).toEqual({ type: 'upload', id: 'a' });
	});

	it('resumes a record left uploading by a reload', () => {
		const s = base([{ ...entry('a'), state: 'uploading' }]);
		expect(decide(s, 0, [{ type: 'wake', reason: 'open' }]).action).toEqual({
			type: 'upload',
			id: 'a'
		});
	});

	it('never resends a sent record, whatever arrives late', () => {
		let s = decide(base([entry('a')]), 0, [{ type: 'started', id: 'a' }]).state;
		s = decide(s, 1, [{ type: 'succeeded', id: 'a' }]).state;
		const r = decide(s, 2, [
			{ type: 'failed', id: 'a', retryable: true },
			{ type: 'retry', id: 'a' },
			{ type: 'online' }
		]);
		expect(r.state.entries[0]?.state).toBe('sent');
		expect(r.action).toEqual({ type: 'idle' });
	});
});

/** Seeded PRNG (mulberry32) so a failing interleaving can be replayed from its seed. */
function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * Simulates a device against a flaky network and a server that deduplicates by record id: random
 * enqueues, network flaps, timer wakes, uploads that succeed, fail, or succeed on the server while
 * the response is lost. Checks the rule's invariants at every step, then lets the network settle
 * and checks that everything converges.
 */
function simulate(seed: number) {
	const rand = rng(seed);
	let s: SyncState = base([], rand() < 0.5);
	let now = 0;
	let nextId = 0;
	const serverHas = new Map<string, number>(); // id → times the server received it
	const permanent = new Set<string>();
	const started = new Map<string, number>();
	let uploading: { id: string; doneAt: number } | null = null;
	const violations: string[] = [];

	const step = (events: SyncEvent[], chaos: boolean) => {
		const r = decide(s, now, events);
		s = r.state;
		const inFlight = s.entries.filter((e) => e.id === s.inFlight);
		if (inFlight.length > 1) violations.push('two in flight');
		for (const e of s.entries) {
			if (e.nextAttemptAt > now + BACKOFF_CAP_MS) violations.push(`backoff over cap for ${e.id}`);
		}
		const action = r.action;
		if (action.type === 'upload') {
			const e = s.entries.find((x) => x.id === action.id);
			if (!s.online) violations.push('upload while offline');
			if (!e || e.state === 'sent' || e.state === 'failed') violations.push('upload of final');
			if (e && e.nextAttemptAt > now) violations.push('upload before due');
			if (uploading) violations.push('second upload started');
			s = decide(s, now, [{ type: 'started', id: action.id }]).state;
			started.set(action.id, (started.get(action.id) ?? 0) + 1);
			uploading = { id: action.id, doneAt: now + 1 + Math.floor(rand() * 3000) };
		}
		if (r.action.type === 'wait' && r.action.until <= now) violations.push('wait in the past');
		if (uploading && now >= uploading.doneAt) {
			const { id } = uploading;
			uploading = null;
			const roll = rand();
			const ok = s.online && (!chaos || roll < 0.6);
			if (permanent.has(id)) {
				s = decide(s, now, [{ type: 'failed', id, retryable: false }]).state;
			} else if (ok || (chaos && s.online && roll < 0.75)) {
				serverHas.set(id, 1); // the server keys by id: a replay is the same record
				// A lost response looks like a retryable failure to the device.
				s = decide(s, now, [
					ok ? { type: 'succeeded', id } : { type: 'failed', id, retryable: true }
				]).state;
			} else {
				s = decide(s, now, [{ type: 'failed', id, retryable: true }]).state;
			}
		}
	};

	for (let i = 0; i < 400; i++) {
		now += Math.floor(rand() * 20_000);
		const events: SyncEvent[] = [];
		const r = rand();
		if (r < 0.15) {
			const id = `r${nextId++}`;
			if (rand() < 0.05) permanent.add(id);
			events.push({ type: 'enqueued', entry: entry(id, now) });
		} else if (r < 0.3) events.push({ type: s.online ? 'offline' : 'online' });
		else if (r < 0.35) {
			const failed = s.entries.find((e) => e.state === 'failed');
			if (failed) events.push({ type: 'retry', id: failed.id });
		} else events.push({ type: 'wake', reason: 'timer' });
		step(events, true);
	}
	// Settle: online, healthy server, timer wakes every 10 s until the outbox is quiet.
	step([{ type: 'online' }], false);
	for (let i = 0; i < 2000; i++) {
		now += 10_000;
		step([{ type: 'wake', reason: 'timer' }], false);
	}
	return { s, serverHas, permanent, violations, started };
}

describe('sync rule: convergence under random interleavings', () => {
	it.each(Array.from({ length: 200 }, (_, i) => i + 1))('seed %i', (seed) => {
		const { s, serverHas, permanent, violations } = simulate(seed);
		expect(violations).toEqual([]);
		expect(s.inFlight).toBeNull();
		for (const e of s.entries) {
			if (permanent.has(e.id)) {
				expect(e.state).toBe('failed');
			} else {
				expect(e.state).toBe('sent');
				expect(serverHas.get(e.id)).toBe(1);
			}
		}
	});
});
