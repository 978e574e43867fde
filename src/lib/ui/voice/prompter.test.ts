import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VoicePrompter } from './prompter.ts';

describe('VoicePrompter', () => {
	let spoken: string[];
	let ends: (() => void)[];
	let hushes: number;
	let prompter: VoicePrompter;

	beforeEach(() => {
		vi.useFakeTimers();
		spoken = [];
		ends = [];
		hushes = 0;
		prompter = new VoicePrompter(
			{
				speak: (text) => {
					spoken.push(text);
					return new Promise<void>((r) => ends.push(r));
				},
				hush: () => void hushes++,
				now: () => Date.now(),
				setTimer: (fn, ms) => setTimeout(fn, ms),
				clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>)
			},
			{ settleMs: 1000, repeatMs: 5000 }
		);
	});
	afterEach(() => vi.useRealTimers());

	/** Ends the utterance being spoken and lets its promise callbacks run. */
	async function finishSpeaking(): Promise<void> {
		ends.shift()?.();
		await vi.advanceTimersByTimeAsync(0);
	}

	it('speaks a title at once', () => {
		prompter.title('拍摄证件');
		expect(spoken).toEqual(['拍摄证件']);
	});

	it('speaks a hint only once it stopped changing', async () => {
		prompter.hint('a');
		await vi.advanceTimersByTimeAsync(600);
		prompter.hint('b');
		await vi.advanceTimersByTimeAsync(600);
		prompter.hint('c');
		await vi.advanceTimersByTimeAsync(999);
		expect(spoken).toEqual([]);
		await vi.advanceTimersByTimeAsync(1);
		expect(spoken).toEqual(['c']);
	});

	it('never talks over a prompt: the latest settled hint waits for the end', async () => {
		prompter.title('title');
		prompter.hint('first');
		await vi.advanceTimersByTimeAsync(1000);
		prompter.hint('second');
		await vi.advanceTimersByTimeAsync(1000);
		expect(spoken).toEqual(['title']);
		await finishSpeaking();
		expect(spoken).toEqual(['title', 'second']);
	});

	it('does not repeat the same hint within repeatMs, but does after', async () => {
		prompter.hint('hold still');
		await vi.advanceTimersByTimeAsync(1000);
		await finishSpeaking();
		prompter.hint('hold still');
		await vi.advanceTimersByTimeAsync(1000);
		expect(spoken).toEqual(['hold still']);
		await vi.advanceTimersByTimeAsync(4000);
		prompter.hint('hold still');
		await vi.advanceTimersByTimeAsync(1000);
		expect(spoken).toEqual(['hold still', 'hold still']);
	});

	it('an empty hint (the guidance went away) drops what was waiting', async () => {
		prompter.title('title');
		prompter.hint('first');
		await vi.advanceTimersByTimeAsync(1000);
		prompter.hint('');
		await finishSpeaking();
		await vi.advanceTimersByTimeAsync(2000);
		expect(spoken).toEqual(['title']);
	});

	it('a new title drops the hint still settling; stop hushes and ends everything', async () => {
		prompter.hint('old page hint');
		prompter.title('next step');
		await vi.advanceTimersByTimeAsync(2000);
		expect(spoken).toEqual(['next step']);
		prompter.hint('waiting');
		prompter.stop();
		expect(hushes).toBe(1);
		await finishSpeaking();
		await vi.advanceTimersByTimeAsync(2000);
		prompter.title('after stop');
		expect(spoken).toEqual(['next step']);
	});
});
