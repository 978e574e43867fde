/**
 * One liveness attempt on the page: camera frames → face tracker (worker) → liveness engine,
 * with the evidence (best frontal frame, clip) and the microphone level for the digits step.
 */
import type { FaceMeasurement } from '$lib/vision/face/measurement.ts';
import type { FaceTrackClient } from '$lib/vision/face/track-client.ts';
import { runTrackLoop, type TrackLoopStats } from '$lib/vision/face/track-loop.ts';
import { createLivenessEngine } from '$lib/vision/liveness/engine.ts';
import { failSpokenDigits, spokenDigitsStep, toLivenessResult } from '$lib/vision/liveness/result.ts'; // prettier-ignore
import type { SpeechLang } from '$lib/vision/speech/words.ts';
import type {
	LivenessChallenge,
	LivenessResult,
	LivenessState
} from '$lib/vision/liveness/types.ts';
import type { IdentityMonitor } from './identity.ts';
import { BestFrame, ClipRecorder, VoiceMeter } from './media.ts';
import { SpeechRecorder, spokenDigits, type SpokenDigits } from './speech.ts';

export interface AttemptInput {
	video: HTMLVideoElement;
	stream: MediaStream;
	/** Microphone, when the challenge has a `read-digits` step. */
	mic?: MediaStream;
	client: FaceTrackClient;
	/** Embeds the face every few hundred ms for the `identity` signal (optional). */
	identity?: IdentityMonitor;
	challenge: LivenessChallenge;
	/** The language the digits are read in (the page's). */
	speechLang: SpeechLang;
	onFrame(state: LivenessState, m: FaceMeasurement): void;
	signal?: AbortSignal;
}

export interface AttemptOutput {
	result: LivenessResult;
	frameJpeg?: string;
	clip?: string;
	/** The read-digits recording, when the digits step passed on the face's side. */
	voice?: SpokenDigits;
	stats: TrackLoopStats;
}

export async function runAttempt(input: AttemptInput): Promise<AttemptOutput> {
	const engine = createLivenessEngine(input.challenge);
	const clip = new ClipRecorder(input.stream);
	const best = new BestFrame();
	const meter = input.mic ? new VoiceMeter(input.mic) : undefined;
	const speech = input.mic ? new SpeechRecorder(input.mic) : undefined;
	input.identity?.reset();
	let firstT: number | undefined;
	let lastT = 0;
	try {
		const stats = await runTrackLoop({
			video: input.video,
			client: input.client,
			signal: input.signal,
			onMeasurement(m) {
				const identity = input.identity?.sample(input.video, m);
				const measured = {
					...m,
					...(meter ? { voice: meter.level() } : {}),
					...(identity !== undefined ? { identity } : {})
				};
				firstT ??= m.t;
				lastT = m.t;
				const state = engine.feed(measured);
				if (state.phase === 'calibrating' || state.phase === 'step') best.offer(input.video, m);
				input.onFrame(state, m);
				return state.phase === 'calibrating' || state.phase === 'step';
			}
		});
		if (input.signal?.aborted) throw new DOMException('aborted', 'AbortError');
		let result = toLivenessResult(input.challenge.nonce, engine.state, firstT ?? 0, lastT);
		// The face said the digits; whether the voice said *these* digits is heard now.
		const k = spokenDigitsStep(result);
		const step = result.steps[k];
		const issued = input.challenge.steps[k]?.digits;
		const [frameJpeg, clipB64, voice] = await Promise.all([
			best.jpegBase64(),
			clip.stop(),
			speech && step && issued
				? spokenDigits(speech, step.promptedAt ?? step.startedAt, step.endedAt, input.speechLang, issued) // prettier-ignore
				: undefined
		]);
		if (voice?.verdict && !voice.verdict.matched) result = failSpokenDigits(result, k);
		return { result, frameJpeg, clip: clipB64, ...(voice ? { voice } : {}), stats };
	} finally {
		await clip.stop().catch(() => undefined);
		meter?.close();
		speech?.close();
	}
}
