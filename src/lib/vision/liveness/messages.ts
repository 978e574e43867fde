/**
 * Bilingual texts of the liveness contract: what each step asks for (spoken and shown) and what
 * each failure code means to the user. Pure data in the `{ zh, en }` shape `pick()` from
 * `$lib/i18n` shows, so the page, the CLI and the server can all use it.
 */
import type { LivenessAction, LivenessFailure } from './types.ts';

export interface BilingualText {
	zh: string;
	en: string;
}

/** The instruction for each action; `{digits}` is replaced by the step's digits. */
export const ACTION_PROMPTS: Record<LivenessAction, BilingualText> = {
	blink: { zh: '请眨眨眼', en: 'Blink your eyes' },
	'turn-left': { zh: '请向左转头', en: 'Turn your head to your left' },
	'turn-right': { zh: '请向右转头', en: 'Turn your head to your right' },
	nod: { zh: '请点点头', en: 'Nod your head' },
	'open-mouth': { zh: '请张张嘴', en: 'Open your mouth' },
	'read-digits': { zh: '请读出数字：{digits}', en: 'Read these digits aloud: {digits}' }
};

/** What went wrong, and what to do, per failure code. */
export const FAILURE_MESSAGES: Record<LivenessFailure, BilingualText> = {
	no_face: {
		zh: '未检测到人脸，请正对摄像头',
		en: 'No face found. Face the camera'
	},
	face_lost: {
		zh: '检测中人脸离开了画面，请保持在画面内',
		en: 'Your face left the picture. Stay in view during the check'
	},
	second_face: {
		zh: '画面中出现了其他人，请独自完成检测',
		en: 'Someone else appeared. Please do the check alone'
	},
	identity_changed: {
		zh: '检测中人脸发生了变化，请本人完成检测',
		en: 'The face changed during the check. Only you may do it'
	},
	wrong_action: {
		zh: '动作与提示不符，请按提示操作',
		en: 'That was not the action asked for. Follow the prompt'
	},
	timeout: {
		zh: '动作超时，请在倒计时内完成',
		en: 'Too slow. Do each action before the countdown ends'
	},
	no_voice: {
		zh: '没有听到声音，请大声读出数字',
		en: 'We could not hear you. Read the digits aloud'
	},
	not_frontal: {
		zh: '请正面看向摄像头',
		en: 'Look straight at the camera'
	},
	premature_action: {
		zh: '动作做得太早，请等提示出现后再做',
		en: 'That action came before its prompt. Wait for each prompt'
	},
	late_start: {
		zh: '动作开始得太晚，请在提示出现后立即做',
		en: 'The action started too late. Start as soon as the prompt appears'
	},
	no_neutral: {
		zh: '两个动作之间请先回到正对摄像头、闭嘴、睁眼的姿势',
		en: 'Between actions, return to looking straight ahead with your mouth closed and eyes open'
	},
	wrong_digits: {
		zh: '读出的数字与屏幕上的不一致，请清楚地逐个读出屏幕上的数字',
		en: 'The digits we heard are not the ones shown. Read each digit on the screen clearly'
	}
};

/** Shown between a step's start and its prompt. */
export const HOLD_STILL: BilingualText = {
	zh: '请正对摄像头，等待下一个提示',
	en: 'Look straight ahead and wait for the next prompt'
};

/** The prompt of one step in one language. */
export function stepPrompt(
	step: { action: LivenessAction; digits?: string },
	lang: keyof BilingualText
): string {
	return ACTION_PROMPTS[step.action][lang].replace(
		'{digits}',
		(step.digits ?? '').split('').join(' ')
	);
}
