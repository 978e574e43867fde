import { describe, expect, it } from 'vitest';
import { cooperativeScript } from '../../../../tests/fixtures/faces/actor/script.ts';
import { synthMeasurements } from '../../../../tests/fixtures/faces/actor/measurements.ts';
import { createLivenessEngine } from './engine.ts';
import { checkLivenessResult, toLivenessResult } from './result.ts';
import type { LivenessChallenge, LivenessResult } from './types.ts';

const challenge: LivenessChallenge = {
	nonce: 'n'.repeat(32),
	steps: [{ action: 'blink' }, { action: 'read-digits', digits: '4071' }, { action: 'nod' }],
	stepTimeoutMs: 5000,
	promptDelaysMs: [1730, 2480, 1000],
	startWindowMs: 1500,
	issuedAt: '2026-11-23T22:00:00.000Z',
	expiresAt: '2026-11-23T22:05:00.000Z'
};

function attempt(): LivenessResult {
	const engine = createLivenessEngine(challenge);
	for (const m of synthMeasurements(cooperativeScript(challenge), { t0: 1234.5 })) engine.feed(m);
	return toLivenessResult(challenge.nonce, engine.state, engine.firstT!, engine.lastT!);
}

describe('liveness result', () => {
	it('packages a passed attempt that the server check accepts', () => {
		const r = attempt();
		expect(r).toMatchObject({ nonce: challenge.nonce, passed: true });
		expect(r.reason).toBeUndefined();
		expect(r.steps.map((s) => s.action)).toEqual(['blink', 'read-digits', 'nod']);
		expect(r.ms).toBeGreaterThan(3000);
		expect(checkLivenessResult(challenge, r)).toEqual([]);
		r.steps.forEach((s, i) => {
			expect(s.promptedAt! - s.startedAt).toBeGreaterThanOrEqual(challenge.promptDelaysMs[i]!);
			expect(s.actionAt! - s.promptedAt!).toBeLessThanOrEqual(challenge.startWindowMs);
		});
	});

	it('refuses to package an attempt still running', () => {
		const engine = createLivenessEngine(challenge);
		expect(() => toLivenessResult('x', engine.state, 0, 0)).toThrow();
	});

	it('accepts an honest failure', () => {
		const r = attempt();
		const failed: LivenessResult = {
			...r,
			passed: false,
			reason: 'timeout',
			steps: [r.steps[0]!, { ...r.steps[1]!, passed: false, endedAt: r.steps[1]!.startedAt + 5050 }]
		};
		expect(checkLivenessResult(challenge, failed)).toEqual([]);
	});

	it.each<[string, (r: LivenessResult) => LivenessResult, string]>([
		[
			'steps in another order',
			(r) => ({ ...r, steps: [r.steps[1]!, r.steps[0]!, r.steps[2]!] }),
			'steps.0.action'
		],
		[
			'another action',
			(r) => ({ ...r, steps: [r.steps[0]!, r.steps[1]!, { ...r.steps[2]!, action: 'blink' }] }),
			'steps.2.action'
		],
		['a missing step', (r) => ({ ...r, steps: r.steps.slice(0, 2) }), 'steps'],
		['an extra step', (r) => ({ ...r, steps: [...r.steps, r.steps[2]!] }), 'steps'],
		[
			'a pass with a failed step',
			(r) => ({ ...r, steps: r.steps.map((s, i) => (i === 1 ? { ...s, passed: false } : s)) }),
			'steps'
		],
		[
			'a step slower than its limit',
			(r) => ({
				...r,
				steps: r.steps.map((s, i) => (i === 2 ? { ...s, endedAt: s.startedAt + 9000 } : s)),
				ms: r.ms + 9000
			}),
			'steps.2'
		],
		[
			'overlapping steps',
			(r) => ({
				...r,
				steps: r.steps.map((s, i) => (i === 1 ? { ...s, startedAt: r.steps[0]!.startedAt - 1 } : s))
			}),
			'steps.1'
		],
		['a pass with a reason', (r) => ({ ...r, reason: 'timeout' }), 'reason'],
		['a failure without a reason', (r) => ({ ...r, passed: false }), 'reason'],
		['a total shorter than its steps', (r) => ({ ...r, ms: 100 }), 'ms'],
		['an impossible duration', (r) => ({ ...r, ms: 3_600_000 }), 'ms'],
		[
			'a prompt shown before its scheduled delay (a client picking its own schedule)',
			(r) => ({ ...r, steps: r.steps.map((s, i) => (i === 1 ? { ...s, promptedAt: s.startedAt + 1000 } : s)) }), // prettier-ignore
			'steps.1.promptedAt'
		],
		[
			'a prompt shown long after its delay',
			(r) => ({ ...r, steps: r.steps.map((s, i) => (i === 0 ? { ...s, promptedAt: s.startedAt + 3300 } : s)) }), // prettier-ignore
			'steps.0.promptedAt'
		],
		[
			'a pass without its prompt time',
			(r) => ({ ...r, steps: r.steps.map(({ promptedAt: _p, ...s }) => s) }),
			'steps.0.promptedAt'
		],
		[
			'an action started after its window',
			(r) => ({ ...r, steps: r.steps.map((s, i) => (i === 2 ? { ...s, actionAt: s.promptedAt! + 2000 } : s)) }), // prettier-ignore
			'steps.2.actionAt'
		],
		[
			'an action started before its prompt',
			(r) => ({ ...r, steps: r.steps.map((s, i) => (i === 0 ? { ...s, actionAt: s.promptedAt! - 100 } : s)) }), // prettier-ignore
			'steps.0.actionAt'
		],
		[
			'a gap between steps',
			(r) => ({ ...r, steps: r.steps.map((s, i) => (i === 1 ? { ...s, startedAt: s.startedAt + 40 } : s)) }), // prettier-ignore
			'steps.1'
		],
		[
			'a pass with no score',
			(r) => ({ ...r, steps: r.steps.map((s) => ({ ...s, score: 0 })) }),
			'steps.0'
		]
	])('flags %s', (_name, forge, path) => {
		const problems = checkLivenessResult(challenge, forge(attempt()));
		expect(problems.map((p) => p.path)).toContain(path);
	});
});
