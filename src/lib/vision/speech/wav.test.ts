import { describe, expect, it } from 'vitest';
import { decodeWav16, encodeWav16, MAX_VOICE_SECONDS, WavError } from './wav.ts';

describe('read-digits recording WAV', () => {
	it('round-trips 16-bit PCM at the model rate', () => {
		const pcm = Int16Array.from({ length: 8000 }, (_, i) => Math.round(10_000 * Math.sin(i / 7)));
		const wav = encodeWav16(pcm, 8000);
		expect(wav.length).toBe(44 + 16_000);
		const back = decodeWav16(wav, [8000]);
		expect(back.sampleRate).toBe(8000);
		expect([...back.pcm]).toEqual([...pcm]);
	});

	it('refuses another rate, a wrong size, stereo or anything too long', () => {
		const wav = encodeWav16(new Int16Array(100), 16000);
		expect(() => decodeWav16(wav, [8000])).toThrow(WavError);
		expect(() => decodeWav16(wav.subarray(0, wav.length - 2), [16000])).toThrow(/data size/);
		const stereo = wav.slice();
		stereo[22] = 2;
		expect(() => decodeWav16(stereo, [16000])).toThrow(/mono/);
		const long = encodeWav16(new Int16Array(MAX_VOICE_SECONDS * 8000 + 1), 8000);
		expect(() => decodeWav16(long, [8000])).toThrow(/too long/);
		expect(() => decodeWav16(new Uint8Array(10), [8000])).toThrow(WavError);
	});
});
