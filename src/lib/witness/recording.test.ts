import { describe, expect, it } from 'vitest';
import { WitnessRecorder, type RecorderLike, type RecordingChunk } from './recording.ts';

/** Behaves like MediaRecorder: `tick()` emits a slice; `stop()` emits the last one, then onstop. */
class FakeRecorder implements RecorderLike {
	readonly mimeType = 'video/webm';
	ondataavailable: ((e: { data: Blob }) => void) | null = null;
	onstop: (() => void) | null = null;
	state = 'inactive';
	timeslice = 0;
	start(timesliceMs?: number) {
		this.state = 'recording';
		this.timeslice = timesliceMs ?? 0;
	}
	tick(text: string) {
		this.ondataavailable?.({ data: new Blob([text]) });
	}
	stop() {
		queueMicrotask(() => {
			this.state = 'inactive';
			this.ondataavailable?.({ data: new Blob(['last']) });
			this.onstop?.();
		});
	}
}

const stream = {} as MediaStream;

describe('WitnessRecorder', () => {
	it('records both sides in slices, numbered per side, with the last chunk flagged', async () => {
		const fakes: FakeRecorder[] = [];
		const seen: RecordingChunk[] = [];
		const rec = new WitnessRecorder({
			timesliceMs: 1000,
			onChunk: (c) => seen.push(c),
			createRecorder: () => {
				const f = new FakeRecorder();
				fakes.push(f);
				return f;
			}
		});
		rec.record('local', stream);
		rec.record('remote', stream);
		const [local, remote] = fakes as [FakeRecorder, FakeRecorder];
		expect(local.timeslice).toBe(1000);
		local.tick('l0');
		remote.tick('r0');
		local.tick('l1');

		const collected: RecordingChunk[] = [];
		const reading = (async () => {
			for await (const c of rec.chunks()) collected.push(c);
		})();
		await rec.stop();
		await reading;

		const view = async (cs: RecordingChunk[]) =>
			Promise.all(cs.map(async (c) => [c.side, c.seq, await c.blob.text(), c.final]));
		expect(await view(collected)).toEqual([
			['local', 0, 'l0', false],
			['remote', 0, 'r0', false],
			['local', 1, 'l1', false],
			['local', 2, 'last', true],
			['remote', 1, 'last', true]
		]);
		expect(seen).toEqual(collected);
	});
});
