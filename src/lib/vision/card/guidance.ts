import { CARD_ASPECT } from './geometry.ts';
import { QUALITY, type CardMetrics } from './quality.ts';

/**
 * What the user should do next, most important first. `ok` means the frame is good to capture.
 * The words for each code are in `messages.ts`.
 */
export type Guidance =
	| 'no_card'
	| 'too_dark'
	| 'too_bright'
	| 'move_closer'
	| 'move_back'
	| 'straighten'
	| 'avoid_glare'
	| 'hold_still'
	| 'ok';

/** Turns one frame's measurements into the single most useful instruction. Pure. */
export function guidanceFor(m: CardMetrics): Guidance {
	if (!m.quad) return m.luma < QUALITY.MIN_LUMA ? 'too_dark' : 'no_card';
	if (
		Math.abs(m.aspect - CARD_ASPECT) > QUALITY.ASPECT_TOLERANCE &&
		m.skew < QUALITY.MAX_SKEW_DEG
	) {
		// Card-like but the wrong shape: usually part of the card is hidden.
		return m.touchesEdge ? 'move_back' : 'no_card';
	}
	if (m.touchesEdge) return 'move_back';
	if (m.luma < QUALITY.MIN_LUMA) return 'too_dark';
	if (m.luma > QUALITY.MAX_LUMA) return 'too_bright';
	if (m.fill < QUALITY.MIN_FILL) return 'move_closer';
	if (m.skew > QUALITY.MAX_SKEW_DEG) return 'straighten';
	if (m.glare > QUALITY.MAX_GLARE) return 'avoid_glare';
	if (m.motion > QUALITY.MAX_MOTION_PX || m.sharpness < QUALITY.MIN_SHARPNESS) return 'hold_still';
	return 'ok';
}
