import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RobotRunner, type RobotRunnerDeps, type RobotState } from './runner.ts';
import { ROBOT_QUESTIONS } from './script.ts';

const tick = () => vi.advanceTimersByTimeAsync(0);

function fakes(options: { saveFails?: number } = {}) {
	const log: string[] = [];
	let failures = options.saveFails ?? 0;
	const deps: RobotRunnerDeps = {
		speak: async (q) => {
			log.push(`speak:${q.id}`);
		},
		record: () => {
			log.push('record');
			return {
				stop: async () => new Blob([`answer-${log.length}`], { type: 'video/webm' }),
				cancel: () => log.push('cancel')
			};
		},
		save: async (q, index, blob, durationMs) => {
			if (failures-- > 0) throw new Error('quota');
			log.push(`save:${q.id}:${index}:${durationMs}`);
			return { questionId: q.id, sha256: 'h' + index, bytes: blob.size, durationMs };
		},
		finish: async (answered) => {
			log.push(`finish:${answered.length}`);
		}
	};
	return { deps, log };
}

describe('RobotRunner', () => {
	let states: RobotState[];
	beforeEach(() => {
		vi.useFakeTimers({ now: 0 });
		states = [];
	});
	afterEach(() => vi.useRealTimers());

	it('asks, records until next, saves each answer, then closes the session', async () => {
		const { deps, log } = fakes();
		const run = new RobotRunner(ROBOT_QUESTIONS, deps, (s) => states.push(s));
		run.start();
		for (const q of ROBOT_QUESTIONS) {
			await tick();
			expect(run.state).toMatchObject({ phase: 'answering', index: ROBOT_QUESTIONS.indexOf(q) });
			await vi.advanceTimersByTimeAsync(1500);
			run.next();
			await tick();
		}
		expect(run.state.phase).toBe('done');
		expect(run.state.saved.map((s) => s.questionId)).toEqual(ROBOT_QUESTIONS.map((q) => q.id));
		expect(log.filter((l) => l.startsWith('save:'))).toEqual(
			ROBOT_QUESTIONS.map((q, i) => `save:${q.id}:${i}:1500`)
		);
		expect(log.at(-1)).toBe('finish:3');
	});

	it('stops an answer at the time limit', async () => {
		const { deps, log } = fakes();
		const run = new RobotRunner(ROBOT_QUESTIONS.slice(0, 1), deps, (s) => states.push(s));
		run.start();
		await tick();
		const limit = (ROBOT_QUESTIONS[0]?.answerSeconds ?? 0) * 1000;
		expect(run.state.deadline).toBe(limit);
		await vi.advanceTimersByTimeAsync(limit - 1);
		expect(run.state.phase).toBe('answering');
		await vi.advanceTimersByTimeAsync(1);
		await tick();
		expect(log).toContain(`save:identity:0:${limit}`);
		expect(run.state.phase).toBe('done');
	});

	it('repeat discards the answer in progress and asks the same question again', async () => {
		const { deps, log } = fakes();
		const run = new RobotRunner(ROBOT_QUESTIONS, deps, (s) => states.push(s));
		run.start();
		await tick();
		await vi.advanceTimersByTimeAsync(800);
		run.repeat();
		await tick();
		expect(log).toEqual(['speak:identity', 'record', 'cancel', 'speak:identity', 'record']);
		expect(run.state).toMatchObject({ phase: 'answering', index: 0, repeats: [1, 0, 0] });
		// The first recording's time limit no longer applies.
		await vi.advanceTimersByTimeAsync(29_500);
		expect(run.state.phase).toBe('answering');
	});

	it('a failed save can be retried without losing earlier answers', async () => {
		const { deps } = fakes({ saveFails: 1 });
		const run = new RobotRunner(ROBOT_QUESTIONS, deps, (s) => states.push(s));
		run.start();
		await tick();
		run.next();
		await tick();
		expect(run.state).toMatchObject({ phase: 'failed', error: 'save_failed', index: 0 });
		run.retry();
		await tick();
		run.next();
		await tick();
		expect(run.state).toMatchObject({ phase: 'answering', index: 1 });
		expect(run.state.saved).toHaveLength(1);
	});
});
