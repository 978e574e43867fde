import { describe, expect, it } from 'vitest';
import { nodeRecognizers } from '../../../../scripts/speech/node.ts';
import { addNoise, decodeWav, prng, speakWav } from '../../../../tests/fixtures/speech/espeak.ts';
import type { SpeechLang } from './words.ts';

// The recogniser in Node on the served wasm + models (after `npm run models`), fed espeak-ng
// speech with noise at 30 dB SNR (seeded), one fresh decoder per clip as in a liveness session.
// Golden strings: these clips decode exactly. Most espeak clips do not (see `npm run
// bench:digits`); these pin the pipeline (loader, models, resampling, grammar), not accuracy.
async function hear(lang: SpeechLang, digits: string, voice: string, rate: number, gap: number) {
	const rec = (await nodeRecognizers([lang])).get(lang);
	if (!rec) throw new Error(`no ${lang} recogniser`);
	const { samples, sampleRate } = decodeWav(speakWav({ lang, digits, voice, rate, gap }));
	return rec.decode(addNoise(samples, sampleRate, 30, prng(7)), sampleRate);
}

describe('digit recogniser (pocketsphinx wasm in Node)', () => {
	it('hears Mandarin 五六七八 as 5678', async () => {
		expect(await hear('zh', '5678', 'cmn-latn-pinyin', 130, 10)).toEqual({
			hyp: 'wu liu qi ba',
			digits: '5678'
		});
	});

	it('hears English "seven one nine three" as 7193', async () => {
		expect(await hear('en', '7193', 'en-us', 120, 20)).toEqual({
			hyp: 'seven one nine three',
			digits: '7193'
		});
	});

	it('hears the changed digit when one digit differs (五六七一)', async () => {
		expect((await hear('zh', '5671', 'cmn-latn-pinyin', 130, 10)).digits).toBe('5671');
	});
});
