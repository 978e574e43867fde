/**
 * The read-digits step: the user reads 4 digits aloud. Speech is measured by the microphone level
 * (`FaceMeasurement.voice`), articulation by the mouth opening over its resting baseline. The
 * step passes when there was enough speech, most voiced frames have the mouth moving nearby in
 * time (a photo or a muted face next to a loudspeaker does not), and the mouth opened and closed
 * several times (a frozen open mouth does not). The recording itself goes to the agent.
 */
import type { Baseline } from './baseline.ts';
import type { LivenessOptions } from './options.ts';

interface Sample {
	t: number;
	voiced: boolean;
	articulating: boolean;
}

/** Mouth openings/closings needed: about one per spoken digit. */
const MIN_MOUTH_CHANGES = 3;
/** The noise-floor-derived speech threshold never exceeds this. */
const MAX_VOICE_THRESHOLD = 0.12;
/** The step ends when the user stops talking for this long (ms)… */
const END_SILENCE_MS = 500;
/** …or after this much speech even if the room never goes quiet (ms). */
const MAX_VOICED_MS = 2400;
/** A voiced frame after a silent one counts as this long of speech at most (ms)… */
const MAX_FRAME_MS = 100;
/**
 * …and a voiced frame after a voiced one as the whole gap up to this (ms): speech heard at both
 * ends of a gap is taken as continuous, so a slow tracker (a low-end phone at 4–8 fps analyses a
 * frame every 125–250 ms) is not short-changed, while one loud sample still counts 100 ms only.
 */
const MAX_CONTINUOUS_MS = 300;

export class LipSyncScorer {
	private samples: Sample[] = [];
	private lastT: number | undefined;
	private lastArticulating: boolean | undefined;
	private changes = 0;
	private lastVoicedT: number | undefined;
	private lastVoiced = false;
	private now = 0;
	/** Milliseconds of speech so far. */
	voicedMs = 0;

	constructor(
		private readonly base: Baseline,
		private readonly o: LivenessOptions
	) {}

	/** Microphone level above which a frame counts as speech. */
	get voiceThreshold(): number {
		// Capped: sound played during calibration must not make real speech inaudible.
		return Math.max(this.o.voiceMin, Math.min(MAX_VOICE_THRESHOLD, 3 * this.base.voiceFloor));
	}

	/** One frame: `mouth` undefined when no face was found in it. */
	update(t: number, mouth: number | undefined, voice: number | undefined): void {
		const voiced = (voice ?? 0) > this.voiceThreshold;
		const articulating = mouth !== undefined && mouth - this.base.mouth >= this.o.mouthTalkDelta;
		if (voiced && this.lastT !== undefined)
			this.voicedMs += Math.min(this.lastVoiced ? MAX_CONTINUOUS_MS : MAX_FRAME_MS, t - this.lastT);
		if (voiced) this.lastVoicedT = t;
		this.lastVoiced = voiced;
		this.now = t;
		if (mouth !== undefined) {
			if (this.lastArticulating !== undefined && articulating !== this.lastArticulating)
				this.changes++;
			this.lastArticulating = articulating;
		}
		this.lastT = t;
		this.samples.push({ t, voiced, articulating });
	}

	/** Fraction of voiced frames with articulation within `lipSyncWindowMs`, 0–1. */
	get score(): number {
		const s = this.samples;
		const w = this.o.lipSyncWindowMs;
		let voiced = 0;
		let synced = 0;
		let lo = 0;
		for (let i = 0; i < s.length; i++) {
			const cur = s[i]!;
			if (!cur.voiced) continue;
			voiced++;
			while (s[lo]!.t < cur.t - w) lo++;
			for (let j = lo; j < s.length && s[j]!.t <= cur.t + w; j++)
				if (s[j]!.articulating) {
					synced++;
					break;
				}
		}
		return voiced ? synced / voiced : 0;
	}

	/**
	 * Enough synced speech, and the user has finished reading (a pause), so the next step does not
	 * start while they are still talking (a wide syllable would read as an unasked open mouth).
	 */
	get done(): boolean {
		const finished =
			this.voicedMs >= MAX_VOICED_MS ||
			(this.lastVoicedT !== undefined && this.now - this.lastVoicedT >= END_SILENCE_MS);
		return (
			finished &&
			this.voicedMs >= this.o.minVoicedMs &&
			this.changes >= MIN_MOUTH_CHANGES &&
			this.score >= this.o.minLipSync
		);
	}

	/** Why the step failed at its deadline: no speech at all, or speech the face did not make. */
	get failure(): 'no_voice' | 'wrong_action' {
		return this.voicedMs < this.o.minVoicedMs ? 'no_voice' : 'wrong_action';
	}
}
