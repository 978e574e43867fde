import { expect, test } from '@playwright/test';
import { clipY4m, replayClip } from '../fixtures/faces/replays/clips.ts';
import { recordTrace } from '../fixtures/faces/replays/record.ts';
import { loadTraces } from '../fixtures/faces/replays/trace.ts';

/**
 * The replay traces `npm test` evaluates offline (`tests/fixtures/faces/replays/traces.json.gz`)
 * must be what the app's tracker measures today: a clip is rebuilt from the pinned source video
 * and its first 4 s recorded afresh (real worker, model and landmark maths in Chromium), then
 * compared frame by frame with the committed trace.
 */
const CLIPS = ['franck@50s×1', 'cap12@19s×1.25'];
const FRAMES = 60;

test('the committed replay traces match a fresh recording with the tracker', async ({
	browser
}) => {
	test.setTimeout(90_000);
	const committed = loadTraces();
	for (const id of CLIPS) {
		const fresh = await recordTrace(clipY4m(replayClip(id)), { to: FRAMES, browser });
		const old = committed.find((t) => t.clip === id)!.frames.slice(0, FRAMES);
		expect(fresh).toHaveLength(FRAMES);
		const same = fresh.filter((m, i) => m.faceCount === old[i]!.faceCount).length;
		expect(same / FRAMES, `${id}: face count`).toBeGreaterThanOrEqual(0.95);
		const d = { yaw: [] as number[], pitch: [] as number[], eye: [] as number[], mouth: [] as number[] }; // prettier-ignore
		fresh.forEach((m, i) => {
			const a = m.face;
			const b = old[i]!.face;
			if (!a || !b) return;
			d.yaw.push(Math.abs(a.pose.yaw - b.pose.yaw));
			d.pitch.push(Math.abs(a.pose.pitch - b.pose.pitch));
			d.eye.push(Math.abs(a.eyeLeft + a.eyeRight - b.eyeLeft - b.eyeRight) / 2);
			d.mouth.push(Math.abs(a.mouth - b.mouth));
		});
		const p95 = (x: number[]) => [...x].sort((p, q) => p - q)[Math.floor(0.95 * (x.length - 1))]!;
		console.log(`${id}: p95 |Δ| yaw ${p95(d.yaw).toFixed(2)}°, pitch ${p95(d.pitch).toFixed(2)}°, eye ${p95(d.eye).toFixed(4)}, mouth ${p95(d.mouth).toFixed(4)}`); // prettier-ignore
		// Rounding of the stored trace is 0.05° and 0.0005; the rest is the tracker's own jitter.
		expect(p95(d.yaw)).toBeLessThan(1.5);
		expect(p95(d.pitch)).toBeLessThan(1.5);
		expect(p95(d.eye)).toBeLessThan(0.01);
		expect(p95(d.mouth)).toBeLessThan(0.01);
	}
});
