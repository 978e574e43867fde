/**
 * Records one answer (audio + video) from the customer's camera stream with small caps, reusing
 * the call's chunked {@link WitnessRecorder}: 1 s slices, ≤ 120 kbps video and 24 kbps Opus, so a
 * 30 s answer stays under ≈ 600 KB and uploads over a slow rural link.
 */
import { WitnessRecorder, type RecorderLike } from '../recording.ts';
import type { AnswerRecording } from './runner.ts';

export const ANSWER_VIDEO_BPS = 120_000;
export const ANSWER_AUDIO_BPS = 24_000;

export function recordAnswer(
	stream: MediaStream,
	createRecorder?: (stream: MediaStream, options: MediaRecorderOptions) => RecorderLike
): AnswerRecording {
	const parts: Blob[] = [];
	let type = '';
	const recorder = new WitnessRecorder({
		timesliceMs: 1000,
		videoBitsPerSecond: ANSWER_VIDEO_BPS,
		audioBitsPerSecond: ANSWER_AUDIO_BPS,
		onChunk: (c) => {
			parts.push(c.blob);
			type ||= c.mimeType;
		},
		...(createRecorder ? { createRecorder } : {})
	});
	recorder.record('local', stream);
	return {
		async stop() {
			await recorder.stop();
			// Only the container type: codecs parameters confuse some players' `type` checks.
			return new Blob(parts, { type: type.split(';')[0] || 'video/webm' });
		},
		cancel() {
			void recorder.stop();
			parts.length = 0;
		}
	};
}
