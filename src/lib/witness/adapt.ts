/**
 * Bandwidth adaptation: a pure policy from measured link samples to a video send plan, and the
 * getStats reader that produces the samples. Audio is never traded away; video shrinks first,
 * then pauses (audio-only), and is probed again later.
 */
import { AUDIO_MAX_KBPS, VIDEO_MAX_KBPS, type VideoSendPlan } from './media.ts';

/** Below this, video is not worth sending. */
export const MIN_VIDEO_KBPS = 40;
/** Half resolution (160×120) below this. */
export const HALF_RES_KBPS = 90;
/** Consecutive poor samples before pausing video. */
export const POOR_SAMPLES_TO_PAUSE = 3;
/** Samples in audio-only before probing video again at the minimum. */
export const PROBE_AFTER_SAMPLES = 10;

export interface LinkSample {
	/** The sender's bandwidth estimate (candidate-pair `availableOutgoingBitrate`), kbps. */
	availableKbps: number | null;
	/** Video actually sent since the previous sample, kbps. */
	videoSendKbps: number;
	/** Fraction of our video packets the far end reports lost (0–1). */
	lossRatio: number;
	rttMs: number | null;
}

export interface AdaptState {
	plan: VideoSendPlan;
	poor: number;
	paused: number;
	good: number;
}

export const INITIAL_PLAN: VideoSendPlan = { active: true, maxKbps: VIDEO_MAX_KBPS, scaleDown: 1 };

export function initialAdaptState(): AdaptState {
	return { plan: INITIAL_PLAN, poor: 0, paused: 0, good: 0 };
}

/** The video budget a sample allows: what the estimate leaves after audio, less under loss. */
export function videoBudgetKbps(s: LinkSample, current: VideoSendPlan): number {
	const available = s.availableKbps ?? current.maxKbps + AUDIO_MAX_KBPS + 10;
	let budget = (available - AUDIO_MAX_KBPS - 10) * 0.9;
	if (s.lossRatio > 0.1) budget *= 0.7;
	return Math.floor(Math.min(VIDEO_MAX_KBPS, budget));
}

function sending(kbps: number): VideoSendPlan {
	const maxKbps = Math.max(MIN_VIDEO_KBPS, Math.min(VIDEO_MAX_KBPS, kbps));
	return { active: true, maxKbps, scaleDown: maxKbps < HALF_RES_KBPS ? 2 : 1 };
}

/** One adaptation step. */
export function adapt(state: AdaptState, sample: LinkSample): AdaptState {
	const budget = videoBudgetKbps(sample, state.plan);
	if (state.plan.active) {
		if (budget >= MIN_VIDEO_KBPS) return { plan: sending(budget), poor: 0, paused: 0, good: 0 };
		const poor = state.poor + 1;
		if (poor < POOR_SAMPLES_TO_PAUSE) {
			return { ...state, plan: sending(MIN_VIDEO_KBPS), poor };
		}
		return { plan: { ...sending(MIN_VIDEO_KBPS), active: false }, poor: 0, paused: 0, good: 0 };
	}
	// Audio-only: with video paused the estimate rarely climbs, so also probe now and then.
	const good = budget >= HALF_RES_KBPS ? state.good + 1 : 0;
	const paused = state.paused + 1;
	if (good >= POOR_SAMPLES_TO_PAUSE || paused >= PROBE_AFTER_SAMPLES) {
		return { plan: sending(good > 0 ? budget : MIN_VIDEO_KBPS), poor: 0, paused: 0, good: 0 };
	}
	return { ...state, good, paused };
}

/** Cursor between two getStats calls. */
export interface StatsCursor {
	bytesSent: number;
	timestamp: number;
}

/** Reads a {@link LinkSample} from a peer connection's stats. */
export async function readLinkSample(
	pc: RTCPeerConnection,
	prev: StatsCursor | null
): Promise<{ sample: LinkSample; cursor: StatsCursor | null }> {
	const report = await pc.getStats();
	let availableKbps: number | null = null;
	let rttMs: number | null = null;
	let lossRatio = 0;
	let cursor: StatsCursor | null = null;
	report.forEach((s: Record<string, unknown>) => {
		if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded') {
			if (typeof s.availableOutgoingBitrate === 'number')
				availableKbps = s.availableOutgoingBitrate / 1000;
			if (typeof s.currentRoundTripTime === 'number') rttMs = s.currentRoundTripTime * 1000;
		} else if (s.type === 'outbound-rtp' && s.kind === 'video' && typeof s.bytesSent === 'number') {
			cursor = { bytesSent: s.bytesSent, timestamp: Number(s.timestamp) };
		} else if (s.type === 'remote-inbound-rtp' && s.kind === 'video') {
			if (typeof s.fractionLost === 'number') lossRatio = s.fractionLost;
		}
	});
	const now = cursor as StatsCursor | null;
	const dt = now && prev ? (now.timestamp - prev.timestamp) / 1000 : 0;
	const videoSendKbps =
		now && prev && dt > 0 ? ((now.bytesSent - prev.bytesSent) * 8) / 1000 / dt : 0;
	return { sample: { availableKbps, videoSendKbps, lossRatio, rttMs }, cursor: now };
}
