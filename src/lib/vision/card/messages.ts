/**
 * What the card scanner says to the user, in both languages (`$lib/i18n` namespace `card`):
 * the name and hint of each card side, and the live guidance.
 */
import { defineMessages } from '$lib/i18n';
import type { Guidance } from './guidance.ts';
import type { CardSide } from './sides.ts';

const t = defineMessages('card', {
	zh: {
		'side_id-front': '身份证人像面',
		'side_id-back': '身份证国徽面',
		side_bank: '银行卡',
		'hint_id-front': '请拍摄带有头像的一面',
		'hint_id-back': '请拍摄带有国徽的一面',
		hint_bank: '请拍摄银行卡正面（带卡号的一面）',
		guide_no_card: '请将卡片放入框内',
		guide_too_dark: '光线太暗，请到明亮处',
		guide_too_bright: '光线太强，请避开直射光',
		guide_move_closer: '请靠近一些，让卡片填满框',
		guide_move_back: '请离远一些，卡片要完整露出',
		guide_straighten: '请将卡片放平、摆正',
		guide_avoid_glare: '有反光，请调整角度避开反光',
		guide_hold_still: '请保持不动',
		guide_ok: '很好，保持住…'
	},
	en: {
		'side_id-front': 'ID card — photo side',
		'side_id-back': 'ID card — emblem side',
		side_bank: 'Bank card',
		'hint_id-front': 'Show the side with your photo',
		'hint_id-back': 'Show the side with the national emblem',
		hint_bank: 'Show the front of the bank card (with the card number)',
		guide_no_card: 'Place the card inside the frame',
		guide_too_dark: 'Too dark: move to a brighter place',
		guide_too_bright: 'Too bright: avoid direct light',
		guide_move_closer: 'Move closer so the card fills the frame',
		guide_move_back: 'Move back: the whole card must be visible',
		guide_straighten: 'Hold the card flat and straight',
		guide_avoid_glare: 'Glare on the card: tilt it to avoid reflections',
		guide_hold_still: 'Hold still',
		guide_ok: 'Good, hold it there…'
	}
});

/** The card side's name in the current language. */
export const sideName = (side: CardSide): string => t(`side_${side}`);
/** What to show of the card side. */
export const sideHint = (side: CardSide): string => t(`hint_${side}`);
/** The live instruction for a guidance code. */
export const guidanceText = (g: Guidance): string => t(`guide_${g}`);
