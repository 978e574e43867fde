import { describe, expect, it } from 'vitest';
import type { RecorderLike } from '../recording.ts';
import { ANSWER_AUDIO_BPS, ANSWER_VIDEO_BPS, recordAnswer } from './answer-recorder.ts';
import { tokenFromHash } from './api.ts';
import { speechCapMs } from './speak.ts';

/** A MediaRecorder stand-in that emits one chunk per `tick()`. */
function fakeRecorder(options: MediaRecorderOptions[]) {
	let rec!: RecorderLike & { tick(): void };
	const create = (_s: MediaStream, o: MediaRecorderOptions) => {
		options.push(o);
		let n = 0;
		const r = {
			mimeType: 'video/webm;codecs=vp8,opus',
			state: 'inactive',
			ondataavailable: null as ((e: { data: Blob }) => void) | null,
			onstop: null as (() => void) | null,
			start() {
				r.state = 'recording';
			},
			stop() {
				r.state = 'inactive';
				r.ondataavailable?.({ data: new Blob([`last`]) });
				r.onstop?.();
			},
			tick() {
				r.ondataavailable?.({ data: new Blob([`part${n++};`]) });
			}
		};
		rec = r;
		return r;
	};
	return { create, get: () => rec };
}

describe('recordAnswer', () => {
	it('records with small caps and returns the chunks as one blob of the container type', async () => {
		const options: MediaRecorderOptions[] = [];
		const fake = fakeRecorder(options);
		const rec = recordAnswer({} as MediaStream, fake.create);
		fake.get().tick();
		fake.get().tick();
		const blob = await rec.stop();
		expect(await blob.text()).toBe('part0;part1;last');
		expect(blob.type).toBe('video/webm');
		expect(options[0]).toMatchObject({
			videoBitsPerSecond: ANSWER_VIDEO_BPS,
			audioBitsPerSecond: ANSWER_AUDIO_BPS
		});
	});
});

describe('robot helpers', () => {
	it('reads the application token only from a well-formed fragment', () => {
		const token = 'kh_' + 'a'.repeat(43);
		expect(tokenFromHash(`#t=${token}`)).toBe(token);
		expect(tokenFromHash('#t=not-a-token')).toBeNull();
		expect(tokenFromHash('')).toBeNull();
	});

	it('caps speaking time by language and length', () => {
		expect(speechCapMs('你好', 'zh-CN')).toBeGreaterThan(speechCapMs('hi', 'en'));
		expect(speechCapMs('x'.repeat(100), 'en')).toBeLessThan(10_000);
	});
});
