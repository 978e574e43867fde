import { describe, expect, it } from 'vitest';
import {
	cooperativeScript,
	SYLLABLES,
	type ActorScript
} from '../../../../tests/fixtures/faces/actor/script.ts';
import { synthMeasurements } from '../../../../tests/fixtures/faces/actor/measurements.ts';
import type { FaceMeasurement } from '../face/measurement.ts';
import { createLivenessEngine } from './engine.ts';
import { runLiveness } from './test-helpers.ts';
import { LIVENESS_ACTIONS, type LivenessAction } from './types.ts';

const steps = (...a: LivenessAction[]) => a.map((action) => ({ action }));
const coop = (...a: LivenessAction[]) => cooperativeScript({ steps: steps(...a) });

describe('liveness engine: cooperative users pass', () => {
	it.each(LIVENESS_ACTIONS)('passes a one-step %s challenge', (action) => {
		const s = runLiveness([action], synthMeasurements(coop(action)));
		expect(s.phase, s.reason).toBe('passed');
		expect(s.steps).toHaveLength(1);
		expect(s.steps[0]!.passed).toBe(true);
		expect(s.steps[0]!.score).toBeGreaterThan(0.3);
		expect(s.progress).toBe(1);
	});

	it.each([12, 15, 20, 30])('passes a 3-step challenge at %i fps', (fps) => {
		const ch = steps('nod', 'read-digits', 'turn-right');
		const s = runLiveness(ch, synthMeasurements(cooperativeScript({ steps: ch }), { fps }));
		expect(s.phase, s.reason).toBe('passed');
		expect(s.steps.map((x) => x.action)).toEqual(['nod', 'read-digits', 'turn-right']);
		for (let i = 1; i < 3; i++) expect(s.steps[i]!.startedAt).toBe(s.steps[i - 1]!.endedAt);
	});

	it.each([5, 6, 8])(
		'a slow tracker (%i fps, a low-end phone) still hears the digits read',
		(fps) => {
			const s = runLiveness(['read-digits'], synthMeasurements(coop('read-digits'), { fps }));
			expect(s.phase, s.reason).toBe('passed');
		}
	);

	it('passes every ordered triple of actions', () => {
		for (const a of LIVENESS_ACTIONS)
			for (const b of LIVENESS_ACTIONS)
				for (const c of LIVENESS_ACTIONS) {
					if (a === b || b === c || a === c) continue;
					const s = runLiveness([a, b, c], synthMeasurements(coop(a, b, c), { seed: 3 }));
					expect(s.phase, `${a},${b},${c}: ${s.reason}`).toBe('passed');
				}
	});

	it('passes through a noisy tracker (2° pose jitter, ±0.02 ratio noise) for every seed', () => {
		const ch = steps('blink', 'turn-left', 'open-mouth');
		for (let seed = 1; seed <= 20; seed++) {
			const f = synthMeasurements(cooperativeScript({ steps: ch }), {
				seed,
				poseNoise: 2,
				ratioNoise: 0.02
			});
			expect(runLiveness(ch, f).phase, `seed ${seed}`).toBe('passed');
		}
	});

	it('calibrates per user: narrow eyes, a resting open mouth, a camera off to the side', () => {
		const ch = steps('blink', 'open-mouth', 'turn-right');
		const frames = synthMeasurements(cooperativeScript({ steps: ch }), {
			openEye: 0.17,
			restMouth: 0.12,
			yawOffset: 12,
			pitchOffset: -10
		});
		const engine = createLivenessEngine({ steps: ch, stepTimeoutMs: 5000 });
		for (const m of frames) engine.feed(m);
		expect(engine.state.phase, engine.state.reason).toBe('passed');
		expect(engine.baseline!.eye).toBeCloseTo(0.17, 1);
		expect(engine.baseline!.yaw).toBeGreaterThan(9);
	});

	it('ignores natural blinks and speech while another action is asked', () => {
		const script: ActorScript = {
			duration: 7,
			events: [
				{ action: 'blink', at: 1.6 },
				{ action: 'blink', at: 2.2 },
				{ action: 'turn-left', at: 2.8 }
			]
		};
		expect(runLiveness(['turn-left'], synthMeasurements(script)).phase).toBe('passed');
		const talking: ActorScript = {
			duration: 9,
			events: [
				{ action: 'read-digits', at: 1.5 },
				{ action: 'open-mouth', at: 4.5 }
			]
		};
		expect(runLiveness(['read-digits', 'open-mouth'], synthMeasurements(talking)).phase).toBe(
			'passed'
		);
	});

	it('ends the digits step when the user stops reading, not in the middle of it', () => {
		const ch = steps('read-digits', 'nod');
		const c = cooperativeScript({ steps: ch });
		const s = runLiveness(ch, synthMeasurements(c));
		expect(s.phase).toBe('passed');
		const read = c.events[0]!;
		// The step ends after the 500 ms pause that follows the last syllable.
		const last = SYLLABLES.at(-1)![1];
		expect(s.steps[0]!.endedAt).toBeGreaterThanOrEqual((read.at + last) * 1000 + 400);
	});

	it('reports progress, the step index and the time left', () => {
		const ch = steps('blink', 'nod');
		const engine = createLivenessEngine({ steps: ch, stepTimeoutMs: 5000 });
		let progress = 0;
		let sawStep = false;
		for (const m of synthMeasurements(cooperativeScript({ steps: ch }))) {
			const s = engine.feed(m);
			expect(s.progress).toBeGreaterThanOrEqual(progress);
			progress = s.progress;
			if (s.phase === 'step') {
				sawStep = true;
				expect(s.remainingMs).toBeGreaterThan(0);
				expect(s.remainingMs).toBeLessThanOrEqual(5000);
			}
		}
		expect(sawStep).toBe(true);
		expect(engine.state).toMatchObject({ phase: 'passed', stepIndex: 2, progress: 1 });
	});
});

describe('liveness engine: attacks and mistakes fail with the right code', () => {
	it.each(LIVENESS_ACTIONS)('a still photo with hand jitter does not pass %s', (action) => {
		for (let seed = 1; seed <= 20; seed++) {
			const still: ActorScript = {
				duration: 9,
				still: true,
				seed,
				events: [{ action, at: 2 }]
			};
			const s = runLiveness([action], synthMeasurements(still, { seed, poseNoise: 1.5 }));
			expect(s.phase).toBe('failed');
			expect(s.reason).toBe(action === 'read-digits' ? 'no_voice' : 'timeout');
		}
	});

	it('a photo next to a loudspeaker fails the digits (voice without a moving mouth)', () => {
		const frames = synthMeasurements({ duration: 9, still: true, events: [] }).map((m, i) => ({
			...m,
			voice: m.t > 1500 && i % 10 < 6 ? 0.3 : 0
		}));
		const s = runLiveness(['read-digits'], frames);
		expect(s.reason).toBe('wrong_action');
	});

	it('a face mouthing the digits in silence fails the digits (moving mouth, quiet microphone)', () => {
		const frames = synthMeasurements(coop('read-digits')).map((m) => ({ ...m, voice: 0.001 }));
		const s = runLiveness(['read-digits'], frames);
		expect(s.phase).toBe('failed');
		expect(s.reason).toBe('no_voice');
	});

	it('speech after the mouth has stopped moving (a voice-over) fails the digits', () => {
		const frames = synthMeasurements(coop('read-digits'));
		const lag = 38; // 2.5 s at 15 fps: the reading is voiced once the lips are still
		const dubbed = frames.map((m, i) => ({ ...m, voice: frames[i - lag]?.voice ?? 0.001 }));
		expect(runLiveness(['read-digits'], dubbed).reason).toBe('wrong_action');
		// The same frames in step pass: the scoring, not the data, makes the difference.
		expect(runLiveness(['read-digits'], frames).phase).toBe('passed');
	});

	it('a frozen open mouth with voice does not pass the digits', () => {
		const script: ActorScript = {
			duration: 9,
			events: [{ action: 'open-mouth', at: 1.5, duration: 7 }]
		};
		const frames = synthMeasurements(script).map((m) => ({ ...m, voice: m.t > 1500 ? 0.3 : 0 }));
		expect(runLiveness(['read-digits'], frames).reason).toBe('wrong_action');
	});

	it.each([
		['blink', 'turn-left'],
		['turn-left', 'turn-right'],
		['turn-right', 'turn-left'],
		['nod', 'open-mouth'],
		['open-mouth', 'nod'],
		['read-digits', 'turn-right']
	] as const)('asked %s, doing %s: wrong_action', (asked, done) => {
		const s = runLiveness([asked], synthMeasurements(coop(done)));
		expect(s.phase).toBe('failed');
		expect(s.reason).toBe('wrong_action');
		expect(s.steps).toEqual([expect.objectContaining({ action: asked, passed: false })]);
	});

	it('actions in the wrong order fail at the first step: a later action before its prompt', () => {
		const s = runLiveness(
			['blink', 'turn-left', 'nod'],
			synthMeasurements(coop('turn-left', 'blink', 'nod'))
		);
		expect(s).toMatchObject({ phase: 'failed', reason: 'premature_action', stepIndex: 0 });
	});

	it('natural motion holding all three actions, but not each after its prompt, fails premature_action', () => {
		// Talking opens the mouth, the head turns right, then a blink: the asked order is
		// open-mouth, turn-right, blink, but the turn comes while the mouth step is still open.
		const s = runLiveness(
			['open-mouth', 'turn-right', 'blink'],
			synthMeasurements(coop('turn-right', 'open-mouth', 'blink'))
		);
		expect(s).toMatchObject({ phase: 'failed', reason: 'premature_action', stepIndex: 0 });
	});

	it('an unasked blink before the blink step is not premature (people blink)', () => {
		const s = runLiveness(
			['nod', 'blink', 'turn-left'],
			synthMeasurements(coop('blink', 'nod', 'blink', 'turn-left'))
		);
		expect(s.phase).toBe('passed');
	});

	it('a replayed clip of other actions fails', () => {
		const s = runLiveness(
			['blink', 'open-mouth', 'turn-right'],
			synthMeasurements(coop('nod', 'turn-left', 'read-digits'))
		);
		expect(s.reason).toBe('wrong_action');
	});

	it('an action after the time limit: timeout, with the step recorded as failed', () => {
		const late: ActorScript = { duration: 10, events: [{ action: 'nod', at: 7.5 }] };
		const s = runLiveness(['nod'], synthMeasurements(late));
		expect(s.reason).toBe('timeout');
		expect(s.steps[0]!.endedAt - s.steps[0]!.startedAt).toBeGreaterThan(5000);
	});

	it('the face leaving the frame mid-check: face_lost', () => {
		const script = coop('blink', 'turn-left', 'nod');
		script.events.push({ action: 'leave', at: script.events[1]!.at + 1.6 });
		const s = runLiveness(['blink', 'turn-left', 'nod'], synthMeasurements(script));
		expect(s).toMatchObject({ phase: 'failed', reason: 'face_lost', stepIndex: 2 });
	});

	it('a second face appearing: second_face', () => {
		const script = coop('open-mouth', 'blink', 'nod');
		script.events.push({ action: 'second-face', at: 3.5 });
		expect(runLiveness(['open-mouth', 'blink', 'nod'], synthMeasurements(script)).reason).toBe(
			'second_face'
		);
	});

	it('another person taking over: identity_changed', () => {
		const script = coop('open-mouth', 'blink', 'nod');
		script.events.push({ action: 'swap', at: 3.2 });
		expect(runLiveness(['open-mouth', 'blink', 'nod'], synthMeasurements(script)).reason).toBe(
			'identity_changed'
		);
	});

	it('reading digits without a microphone: no_voice', () => {
		const s = runLiveness(
			['read-digits'],
			synthMeasurements(coop('read-digits'), { voice: false })
		);
		expect(s.reason).toBe('no_voice');
	});

	it('no face at all: no_face; a face never looking at the camera: not_frontal', () => {
		const empty = synthMeasurements({
			duration: 8,
			events: [{ action: 'leave', at: 0, duration: 9 }]
		});
		expect(runLiveness(['blink'], empty).reason).toBe('no_face');
		const away = synthMeasurements({ duration: 8, events: [] }, { yawOffset: 35 });
		expect(runLiveness(['blink'], away).reason).toBe('not_frontal');
	});
});

/** Hand-made frames at 20 fps for exact boundaries. */
function frames(
	n: number,
	at: (i: number) => Partial<{ yaw: number; pitch: number; faceCount: number; identity: number }>
): FaceMeasurement[] {
	return Array.from({ length: n }, (_, i) => {
		const p = at(i);
		const faceCount = p.faceCount ?? 1;
		return {
			t: i * 50,
			frameWidth: 640,
			frameHeight: 480,
			faceCount,
			...(p.identity !== undefined ? { identity: p.identity } : {}),
			...(faceCount > 0
				? {
						face: {
							box: { x: 220, y: 120, width: 200, height: 240 },
							pose: { yaw: p.yaw ?? 0, pitch: p.pitch ?? 0, roll: 0 },
							eyeLeft: 0.3,
							eyeRight: 0.3,
							mouth: 0.03,
							fivePoints: []
						}
					}
				: {})
		};
	});
}

describe('liveness engine: boundaries', () => {
	// Calibration ends at frame 14 (t = 700 ms): the step runs 700 … 5700 ms.
	const turnFrom = (first: number) => (i: number) => ({ yaw: i >= first ? 30 : 0 });

	it('starts the step when calibration has 700 ms of frontal frames', () => {
		const engine = createLivenessEngine({ steps: steps('turn-left'), stepTimeoutMs: 5000 });
		const f = frames(20, () => ({}));
		for (const m of f.slice(0, 14)) expect(engine.feed(m).phase).toBe('calibrating');
		expect(engine.feed(f[14]!)).toMatchObject({ phase: 'step', remainingMs: 5000 });
	});

	it('a turn held until exactly the deadline passes; one frame later times out', () => {
		// Held ≥ 120 ms: turned from frame 111 (5550 ms), frames 111…114 → held 150 ms at 5700.
		expect(runLiveness(['turn-left'], frames(130, turnFrom(111))).phase).toBe('passed');
		expect(runLiveness(['turn-left'], frames(130, turnFrom(112))).reason).toBe('timeout');
	});

	it('a single noisy frame is not a turn', () => {
		const s = runLiveness(
			['turn-left'],
			frames(130, (i) => ({ yaw: i === 40 ? 40 : 0 }))
		);
		expect(s.reason).toBe('timeout');
	});

	it('a longer step limit (large-text mode) is honoured', () => {
		expect(
			runLiveness(['turn-left'], frames(160, turnFrom(140)), { stepTimeoutMs: 8000 }).phase
		).toBe('passed');
	});

	it('tolerates 4 lost frames, fails on the 5th', () => {
		const lost = (k: number) => (i: number) => ({
			faceCount: i >= 30 && i < 30 + k ? 0 : 1,
			yaw: i >= 60 ? 30 : 0
		});
		expect(runLiveness(['turn-left'], frames(80, lost(4))).phase).toBe('passed');
		expect(runLiveness(['turn-left'], frames(80, lost(5))).reason).toBe('face_lost');
	});

	it('fails when the face is gone too long even at a low frame rate', () => {
		// Three frames without a face, 300 ms apart: fewer than 5 frames but 750 ms without a face.
		const slow = frames(80, (i) => ({ faceCount: i >= 30 && i < 33 ? 0 : 1 })).map((m, i) => ({
			...m,
			t: m.t + 300 * Math.max(0, Math.min(i, 33) - 30)
		}));
		expect(runLiveness(['turn-left'], slow).reason).toBe('face_lost');
	});

	it('tolerates a 2-frame spurious second face and one low identity sample', () => {
		const f = frames(80, (i) => ({
			faceCount: i === 30 || i === 31 ? 2 : 1,
			...(i === 40 ? { identity: 0.2 } : i % 5 === 0 ? { identity: 0.9 } : {}),
			yaw: i >= 60 ? 30 : 0
		}));
		expect(runLiveness(['turn-left'], f).phase).toBe('passed');
		const three = frames(80, (i) => ({ faceCount: i >= 30 && i < 33 ? 2 : 1 }));
		expect(runLiveness(['turn-left'], three).reason).toBe('second_face');
	});

	it('a head still turned when the next step starts neither passes nor fails it', () => {
		// turn-left passes at ~1.2 s and the head stays turned: the turn-right step must wait for rest.
		const f = frames(140, (i) => ({ yaw: i >= 20 && i < 70 ? 30 : i >= 100 ? -30 : 0 }));
		const s = runLiveness(['turn-left', 'turn-right'], f);
		expect(s.phase).toBe('passed');
		expect(s.steps[1]!.endedAt).toBeGreaterThanOrEqual(5000);
	});

	it('ignores frames out of time order and frames after the end', () => {
		const engine = createLivenessEngine({ steps: steps('turn-left'), stepTimeoutMs: 5000 });
		const f = frames(60, turnFrom(30));
		for (const m of f) engine.feed(m);
		const end = engine.state;
		expect(end.phase).toBe('passed');
		expect(engine.feed({ ...f[0]!, t: 99_999 })).toBe(end);
		const e2 = createLivenessEngine({ steps: steps('turn-left'), stepTimeoutMs: 5000 });
		e2.feed(f[10]!);
		expect(e2.feed(f[5]!).progress).toBe(e2.state.progress);
		expect(e2.lastT).toBe(500);
	});
});
