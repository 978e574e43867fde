import { CARD_ASPECT } from './geometry.ts';
import { QUALITY, type CardMetrics } from './quality.ts';

/** What the user should do next, most important first. `ok` means the frame is good to capture. */
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

export const GUIDANCE_TEXT: Record<Guidance, { zh: string; en: string }> = {
	no_card: { zh: '请将卡片放入框内', en: 'Place the card inside the frame' },
	too_dark: { zh: '光线太暗，请到明亮处', en: 'Too dark: move to a brighter place' },
	too_bright: { zh: '光线太强，请避开直射光', en: 'Too bright: avoid direct light' },
	move_closer: { zh: '请靠近一些，让卡片填满框', en: 'Move closer so the card fills the frame' },
	move_back: { zh: '请离远一些，卡片要完整露出', en: 'Move back: the whole card must be visible' },
	straighten: { zh: '请将卡片放平、摆正', en: 'Hold the card flat and straight' },
	avoid_glare: {
		zh: '有反光，请调整角度避开反光',
		en: 'Glare on the card: tilt it to avoid reflections'
	},
	hold_still: { zh: '请保持不动', en: 'Hold still' },
	ok: { zh: '很好，保持住…', en: 'Good, hold it there…' }
};

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
