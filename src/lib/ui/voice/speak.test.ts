import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLargeText } from '$lib/i18n';
import { speak, speechCapMs } from './speak.ts';

/** A fake engine: records utterances; `end()` finishes the current one. */
class FakeUtterance {
	lang = '';
	rate = 1;
	onend: (() => void) | null = null;
	onerror: (() => void) | null = null;
	constructor(readonly text: string) {}
}

describe('speak', () => {
	let said: FakeUtterance[];
	let voices: { lang: string }[];
	beforeEach(() => {
		vi.useFakeTimers();
		said = [];
		voices = [];
		vi.stubGlobal('SpeechSynthesisUtterance', FakeUtterance);
		vi.stubGlobal('speechSynthesis', {
			getVoices: () => voices,
			cancel: () => undefined,
			speak: (u: FakeUtterance) => said.push(u)
		});
	});
	afterEach(() => {
		vi.unstubAllGlobals();
		vi.useRealTimers();
		setLargeText(false);
	});

	it('speaks in the language at the mode rate, and resolves at the end', async () => {
		let done = false;
		const p = speak('请把证件放入框内', 'zh-CN').then(() => (done = true));
		expect(said.map((u) => [u.text, u.lang, u.rate])).toEqual([['请把证件放入框内', 'zh-CN', 1]]);
		await vi.advanceTimersByTimeAsync(0);
		expect(done).toBe(false);
		said[0]?.onend?.();
		await p;
		setLargeText(true);
		void speak('Hold still', 'en');
		expect(said[1]?.rate).toBeLessThan(1);
	});

	it('resolves on abort, on the cap, and at once without a voice for the language', async () => {
		const ac = new AbortController();
		const aborted = speak('x', 'en', { signal: ac.signal });
		ac.abort();
		await aborted;
		const capped = speak('never ends', 'en');
		await vi.advanceTimersByTimeAsync(speechCapMs('never ends', 'en'));
		await capped;
		voices = [{ lang: 'en-US' }];
		await speak('你好', 'zh-CN');
		expect(said.map((u) => u.text)).toEqual(['x', 'never ends']);
	});

	it('caps speaking time by language, length and rate', () => {
		expect(speechCapMs('你好', 'zh-CN')).toBeGreaterThan(speechCapMs('hi', 'en'));
		expect(speechCapMs('x'.repeat(100), 'en')).toBeLessThan(10_000);
		expect(speechCapMs('hello', 'en', 0.5)).toBeGreaterThan(speechCapMs('hello', 'en'));
	});
});
