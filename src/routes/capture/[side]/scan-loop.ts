import { HOLD_MS, INITIAL, observe, type AutoCaptureState } from '$lib/vision/card/auto-capture.ts';
import { createCardClient } from '$lib/vision/card/client.ts';
import { CARD_ASPECT, type Quad } from '$lib/vision/card/geometry.ts';
import { guidanceFor, type Guidance } from '$lib/vision/card/guidance.ts';
import type { FrameRect, Pixels } from '$lib/vision/card/protocol.ts';

/** The on-screen guide: a card-shaped frame, this fraction of the preview width, centred. */
export const GUIDE_WIDTH = 0.76;

export interface ScanUpdate {
	/** `scanner_failed`: frames keep failing (e.g. the card worker could not start); offer the import. */
	guidance: Guidance | 'scanner_failed';
	ms: number;
}

/** Consecutive failed frames before the scanner gives up and says so. */
const MAX_FAILURES = 10;

/**
 * Analyses live video frames one at a time (never more than one in flight) and calls `onCapture`
 * with the sharpest rectified card once quality held for `holdMs` (0.5 s; longer in large-text
 * mode, see `timing()`).
 */
export function startScanLoop(
	video: HTMLVideoElement,
	onUpdate: (u: ScanUpdate) => void,
	onCapture: (p: Pixels) => void,
	holdMs = HOLD_MS
): { stop(): void; shutter(): Pixels | null; pause(on: boolean): void } {
	const client = createCardClient();
	const guide = guideFor(video);
	let stopped = false;
	let prev: Quad | null = null;
	let state: AutoCaptureState = INITIAL;
	let best: Pixels | null = null;
	let latest: Pixels | null = null;
	let frameNo = 0;
	let failures = 0;
	let paused = false;

	const tick = async () => {
		if (stopped) return;
		if (paused) {
			video.requestVideoFrameCallback(() => void tick());
			return;
		}
		try {
			const frame = await createImageBitmap(video);
			const r = await client.call(
				{ type: 'analyse', frame, guide, prev, wantRectified: true },
				{ transfer: [frame] }
			);
			if (stopped || r.type !== 'analysed') return;
			const guidance = guidanceFor(r.metrics);
			failures = 0;
			prev = r.metrics.quad;
			latest = r.rectified;
			onUpdate({ guidance, ms: r.ms });
			const o = {
				t: performance.now(),
				ok: guidance === 'ok',
				sharpness: r.metrics.sharpness,
				frame: frameNo++
			};
			const step = observe(state, o, holdMs);
			if (step.state.best === o || step.capture === o) best = r.rectified;
			state = step.state;
			if (step.capture && best) {
				stopped = true;
				onCapture(best);
				client.terminate();
				return;
			}
		} catch (err) {
			// A dropped frame (e.g. video not ready yet) is retried on the next one.
			console.warn('card scan: frame dropped', err);
			if (++failures >= MAX_FAILURES) {
				stopped = true;
				client.terminate();
				onUpdate({ guidance: 'scanner_failed', ms: 0 });
				return;
			}
		}
		if (!stopped) video.requestVideoFrameCallback(() => void tick());
	};
	client.call({ type: 'warmup' }).catch(() => undefined);
	video.requestVideoFrameCallback(() => void tick());

	return {
		stop() {
			stopped = true;
			client.terminate();
		},
		shutter: () => latest,
		/** While an imported photo is analysed, the camera must not capture behind the user's back. */
		pause(on: boolean) {
			paused = on;
			state = INITIAL;
		}
	};
}

/** The guide in video-frame fractions (the preview shows the whole frame, so they coincide). */
function guideFor(video: HTMLVideoElement): FrameRect {
	const aspect = video.videoWidth / video.videoHeight || 16 / 9;
	const h = (GUIDE_WIDTH / CARD_ASPECT) * aspect;
	return { x: (1 - GUIDE_WIDTH) / 2, y: 0.5 - h / 2, w: GUIDE_WIDTH, h };
}

/** One-shot analysis of an imported photo (the guide is the whole image). */
export async function analysePhoto(
	file: Blob
): Promise<{ guidance: Guidance; rectified: Pixels | null }> {
	const client = createCardClient();
	try {
		const frame = await createImageBitmap(file);
		const r = await client.call(
			{
				type: 'analyse',
				frame,
				guide: { x: 0, y: 0, w: 1, h: 1 },
				prev: null,
				wantRectified: true
			},
			{ transfer: [frame] }
		);
		if (r.type !== 'analysed') return { guidance: 'no_card', rectified: null };
		const g = guidanceFor({ ...r.metrics, fill: 1, motion: 0 });
		// An imported photo cannot be retaken by holding still: accept any detected, readable card.
		const usable = r.metrics.quad !== null && g !== 'no_card' && g !== 'move_back';
		return { guidance: usable ? 'ok' : g, rectified: usable ? r.rectified : null };
	} finally {
		client.terminate();
	}
}
