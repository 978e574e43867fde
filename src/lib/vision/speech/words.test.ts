import { describe, expect, it } from 'vitest';
import { digitGrammar, hypothesisToDigits, WORDS } from './words.ts';
import { resampleToInt16 } from './resample.ts';

describe('digit words', () => {
	it('maps hypotheses to digits, alternative readings included', () => {
		expect(hypothesisToDigits('yao liang san si', 'zh')).toBe('1234');
		expect(hypothesisToDigits('ling jiu <sil> ba', 'zh')).toBe('098');
		expect(hypothesisToDigits('oh zero nine', 'en')).toBe('009');
		expect(hypothesisToDigits('', 'en')).toBe('');
	});

	it('covers every digit in both languages', () => {
		for (const lang of ['zh', 'en'] as const) {
			expect(new Set(WORDS[lang].map((w) => w.digit)).size).toBe(10);
		}
	});

	it('builds a grammar of exactly 4 words, each over all digit words (not only the issued ones)', () => {
		const g = digitGrammar('en', 4);
		expect(g.numStates).toBe(5);
		for (let i = 0; i < 4; i++)
			expect(g.transitions.filter((t) => t.from === i && t.to === i + 1)).toHaveLength(11);
		expect(g.transitions).toHaveLength(44);
		expect(g.end).toBe(4);
	});
});

describe('resampleToInt16', () => {
	it('keeps a 440 Hz tone and its level from 48 kHz to 8 kHz', () => {
		const x = Float32Array.from(
			{ length: 48000 },
			(_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / 48000)
		);
		const y = resampleToInt16(x, 48000, 8000);
		expect(y.length).toBe(8000);
		const rms = Math.sqrt(y.slice(100, 7900).reduce((n, v) => n + v * v, 0) / 7800) / 32767;
		expect(rms).toBeCloseTo(0.5 / Math.SQRT2, 2);
	});

	it('removes a 6 kHz tone above the 4 kHz Nyquist of 8 kHz output', () => {
		const x = Float32Array.from(
			{ length: 48000 },
			(_, i) => 0.5 * Math.sin((2 * Math.PI * 6000 * i) / 48000)
		);
		const y = resampleToInt16(x, 48000, 8000);
		const rms = Math.sqrt(y.slice(100, 7900).reduce((n, v) => n + v * v, 0) / 7800) / 32767;
		expect(rms).toBeLessThan(0.02);
	});
});
