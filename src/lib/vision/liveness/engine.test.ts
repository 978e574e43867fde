import { describe, expect, it } from 'vitest';
import {
	cooperativeScript,
	DETECTED_AFTER_S,
	SYLLABLES,
	type ActorScript
} from '../../../../tests/fixtures/faces/actor/script.ts';
import { synthMeasurements } from '../../../../tests/fixtures/faces/actor/measurements.ts';
import type { FaceMeasurement } from '../face/measurement.ts';
import { startWindowFor } from './challenge.ts';
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
		// Calibrated at 0.7 s, prompt at 1.7 s: blinks before and at the prompt, the turn 0.6 s in.
		const script: ActorScript = {
			duration: 7,
			events: [
				{ action: 'blink', at: 1.0 },
				{ action: 'blink', at: 1.6 },
				{ action: 'turn-left', at: 2.3 }
			]
		};
		expect(runLiveness(['turn-left'], synthMeasurements(script)).phase).toBe('passed');
		// Reading opens the mouth: not an open-mouth (step 2 starts ≈ 4.75 s, prompt ≈ 5.75 s).
		const talking: ActorScript = {
			duration: 9,
			events: [
				{ action: 'read-digits', at: 2.3 },
				{ action: 'open-mouth', at: 6.4 }
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
			// Nothing starts within the start window after the prompt.
			expect(s.reason).toBe(action === 'read-digits' ? 'no_voice' : 'late_start');
		}
	});

	it('a photo next to a loudspeaker fails the digits (voice without a moving mouth)', () => {
		// Words with 0.5 s pauses from the prompt (1.7 s) on.
		const frames = synthMeasurements({ duration: 9, still: true, events: [] }).map((m, i) => ({
			...m,
			voice: m.t > 1700 && i % 20 < 10 ? 0.3 : 0
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
		const lag = 50; // 2.5 s at 20 fps: the reading is voiced once the lips are still
		const dubbed = frames.map((m, i) => ({ ...m, voice: frames[i - lag]?.voice ?? 0.001 }));
		// Silent mouthing in the start window, the voice only after it.
		expect(runLiveness(['read-digits'], dubbed).reason).toBe('no_voice');
		// The same frames in step pass: the scoring, not the data, makes the difference.
		expect(runLiveness(['read-digits'], frames).phase).toBe('passed');
	});

	it('a frozen open mouth with voice does not pass the digits', () => {
		const script: ActorScript = {
			duration: 9,
			events: [{ action: 'open-mouth', at: 1.5, duration: 7 }]
		};
		const frames = synthMeasurements(script).map((m) => ({ ...m, voice: m.t > 1500 ? 0.3 : 0 }));
		// Never a closed, silent mouth to start from.
		expect(runLiveness(['read-digits'], frames).reason).toBe('no_neutral');
		// Closed at the prompt, then frozen open while a voice plays.
		const late: ActorScript = {
			duration: 9,
			events: [{ action: 'open-mouth', at: 2.3, duration: 6 }]
		};
		const voiced = synthMeasurements(late).map((m) => ({ ...m, voice: m.t > 2300 ? 0.3 : 0 }));
		expect(runLiveness(['read-digits'], voiced).reason).toBe('wrong_action');
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

	it.each([
		['turn-right', 'nod', 'pitch', 1],
		['turn-left', 'nod', 'pitch', 1],
		['nod', 'turn-right', 'yaw', -1.6]
	] as const)(
		'asked %s, one diagonal movement that also holds a %s fails (not counted as both)',
		(asked, off, axis, k) => {
			// The asked movement with the other axis dragged along (head down and to the side).
			const frames = synthMeasurements(coop(asked));
			const rest = frames.find((m) => m.face)!.face!.pose;
			const diagonal = frames.map((m) => {
				if (!m.face) return m;
				const p = m.face.pose;
				const d = axis === 'pitch' ? Math.abs(p.yaw - rest.yaw) : Math.abs(p.pitch - rest.pitch);
				const pose =
					axis === 'pitch' ? { ...p, pitch: p.pitch - k * d } : { ...p, yaw: p.yaw + k * d };
				return { ...m, face: { ...m.face, pose } };
			});
			expect(runLiveness([asked], frames).phase).toBe('passed');
			expect(runLiveness([asked], diagonal).reason).toBe('wrong_action');
			// When the other action is a later step, the diagonal does it before its prompt.
			expect(runLiveness([asked, off], diagonal).reason).toBe('premature_action');
		}
	);

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
		const script = coop('nod', 'blink', 'turn-left');
		const nod = script.events.find((e) => e.action === 'nod')!;
		// A blink while the blink step waits for its prompt, and one during the nod step.
		script.events.push({ action: 'blink', at: nod.at + DETECTED_AFTER_S.nod + 0.2 });
		script.events.push({ action: 'blink', at: nod.at - 0.9 });
		const s = runLiveness(['nod', 'blink', 'turn-left'], synthMeasurements(script));
		expect(s.phase, s.reason).toBe('passed');
	});

	it('the asked action before its own prompt: premature_action', () => {
		// Prompt at 1.7 s (calibrated at 0.7 s + 1 s); the turn starts at 1.2 s.
		const early: ActorScript = { duration: 6, events: [{ action: 'turn-left', at: 1.2 }] };
		expect(runLiveness(['turn-left'], synthMeasurements(early)).reason).toBe('premature_action');
	});

	it('prompts come at the scheduled delay after each step starts', () => {
		const ch = steps('open-mouth', 'nod', 'blink');
		const promptDelaysMs = [2100, 1300, 2450];
		const script = cooperativeScript({ steps: ch, promptDelaysMs });
		const s = runLiveness(ch, synthMeasurements(script), { promptDelaysMs });
		expect(s.phase, s.reason).toBe('passed');
		s.steps.forEach((r, i) => {
			const delay = r.promptedAt! - r.startedAt;
			expect(delay).toBeGreaterThanOrEqual(promptDelaysMs[i]!);
			expect(delay).toBeLessThan(promptDelaysMs[i]! + 50); // the next frame at 20 fps
			expect(r.actionAt! - r.promptedAt!).toBeLessThanOrEqual(startWindowFor(5000));
		});
		// The same actor on another schedule acts at the wrong times.
		const other = runLiveness(ch, synthMeasurements(script), { promptDelaysMs: [1000, 1000, 1000] }); // prettier-ignore
		expect(other.phase).toBe('failed');
	});

	it('flowing from one turn into the other without a neutral pause: no_neutral', () => {
		// Left from 2.3 s, passed ≈ 2.8 s; the head swings straight to the right and back.
		const script: ActorScript = {
			duration: 9,
			events: [
				{ action: 'turn-left', at: 2.3, duration: 3.2 },
				{ action: 'turn-right', at: 5.3, duration: 1.4 }
			]
		};
		const s = runLiveness(['turn-left', 'turn-right'], synthMeasurements(script));
		expect(s).toMatchObject({ phase: 'failed', reason: 'no_neutral', stepIndex: 1 });
	});

	it('a replayed clip of other actions fails', () => {
		const s = runLiveness(
			['blink', 'open-mouth', 'turn-right'],
			synthMeasurements(coop('nod', 'turn-left', 'read-digits'))
		);
		expect(s.reason).toBe('wrong_action');
	});

	it('an action started after the start window: late_start, with the step recorded as failed', () => {
		const late: ActorScript = { duration: 10, events: [{ action: 'nod', at: 4.2 }] };
		const s = runLiveness(['nod'], synthMeasurements(late));
		expect(s.reason).toBe('late_start');
		expect(s.steps[0]!.endedAt - s.steps[0]!.promptedAt!).toBeGreaterThan(startWindowFor(5000));
		expect(s.steps[0]!.passed).toBe(false);
	});

	it('an action started in time but never completed: timeout', () => {
		// The mouth opens a little (above rest) at 2.3 s and stays there: started, never open.
		const slow = synthMeasurements({ duration: 9, events: [] }).map((m) =>
			m.t > 2300 && m.face ? { ...m, face: { ...m.face, mouth: m.face.mouth + 0.15 } } : m
		);
		expect(runLiveness(['open-mouth'], slow).reason).toBe('timeout');
	});

	it('the face leaving the frame mid-check: face_lost', () => {
		const script = coop('blink', 'turn-left', 'nod');
		script.events.push({ action: 'leave', at: script.events[2]!.at + 1.6 });
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
	// Calibration ends at frame 14 (t = 700 ms); the prompt comes at 1700 ms (1 s later): the
	// action must start by 3700 ms (2 s window) and be done by 6700 ms.
	const turnFrom = (first: number) => (i: number) => ({ yaw: i >= first ? 30 : 0 });

	it('starts the step when calibration has 700 ms of frontal frames, prompts 1 s later', () => {
		const engine = createLivenessEngine({ steps: steps('turn-left'), stepTimeoutMs: 5000 });
		const f = frames(40, () => ({}));
		for (const m of f.slice(0, 14)) expect(engine.feed(m).phase).toBe('calibrating');
		expect(engine.feed(f[14]!)).toMatchObject({ phase: 'step', remainingMs: 5000, prompted: false }); // prettier-ignore
		for (const m of f.slice(15, 34)) expect(engine.feed(m).prompted).toBe(false);
		expect(engine.feed(f[34]!)).toMatchObject({ phase: 'step', remainingMs: 5000, prompted: true }); // prettier-ignore
	});

	it('a turn starting at the end of the start window passes; one frame later: late_start', () => {
		expect(runLiveness(['turn-left'], frames(130, turnFrom(74))).phase).toBe('passed');
		expect(runLiveness(['turn-left'], frames(130, turnFrom(75))).reason).toBe('late_start');
	});

	it('a slow turn done exactly at the deadline passes; one frame later times out', () => {
		// Started (12°, above rest) at 3000 ms; past 18° from frame 131 (6550 ms) → held 150 ms at 6700.
		const slow = (full: number) => (i: number) => ({ yaw: i >= full ? 30 : i >= 60 ? 12 : 0 });
		expect(runLiveness(['turn-left'], frames(150, slow(131))).phase).toBe('passed');
		expect(runLiveness(['turn-left'], frames(150, slow(132))).reason).toBe('timeout');
	});

	it('a single noisy frame is not a turn', () => {
		const s = runLiveness(
			['turn-left'],
			frames(130, (i) => ({ yaw: i === 40 ? 40 : 0 }))
		);
		expect(s.reason).toBe('late_start');
	});

	it('a longer step limit (large-text mode) gives a longer start window', () => {
		// Started 2.3 s after the prompt: too late at 5 s (2 s window), in time at 8 s (3.2 s).
		expect(runLiveness(['turn-left'], frames(160, turnFrom(80))).reason).toBe('late_start');
		expect(
			runLiveness(['turn-left'], frames(160, turnFrom(80)), { stepTimeoutMs: 8000 }).phase
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

	it('the next action counts only after the head is back at neutral', () => {
		// Left from 2000 ms (passed 2150, prompt 2 at 3150): back at 3750, right at 4300 → passes.
		const back = frames(140, (i) => ({ yaw: i >= 40 && i < 75 ? 30 : i >= 86 ? -30 : 0 }));
		const s = runLiveness(['turn-left', 'turn-right'], back);
		expect(s.phase, s.reason).toBe('passed');
		expect(s.steps[1]!.actionAt).toBe(4300);
		// Still turned left until 4400: not neutral for 300 ms by the window's end (4650).
		const held = frames(140, (i) => ({ yaw: i >= 40 && i < 88 ? 30 : i >= 92 ? -30 : 0 }));
		expect(runLiveness(['turn-left', 'turn-right'], held).reason).toBe('no_neutral');
	});

	it('ignores frames out of time order and frames after the end', () => {
		const engine = createLivenessEngine({ steps: steps('turn-left'), stepTimeoutMs: 5000 });
		const f = frames(60, turnFrom(40));
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
