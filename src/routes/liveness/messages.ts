import { defineMessages } from '$lib/i18n';
import type { LivenessAction, LivenessFailure } from '$lib/vision/liveness/types.ts';

/** Texts of the liveness page (namespace `liveness`). */
export const t = defineMessages('liveness', {
	zh: {
		title: '活体检测',
		backToApplication: '返回开户申请',
		intro: '请在光线充足处，把脸放进圆框，按语音和文字提示做动作。整个过程约 20 秒。',
		start: '开始检测',
		loading: '正在准备人脸检测…',
		calibrating: '请正对摄像头，保持不动',
		blink: '请眨眨眼',
		'turn-left': '请慢慢向左转头',
		'turn-right': '请慢慢向右转头',
		nod: '请点点头',
		'open-mouth': '请张大嘴巴',
		'read-digits': '请大声读出：{{digits}}',
		step: '第 {{n}} 步，共 {{total}} 步',
		seconds: '还剩 {{s}} 秒',
		progress: '检测进度',
		sending: '正在提交结果…',
		passed: '活体检测通过',
		failed: '本次未通过：{{reason}}',
		retry: '再试一次',
		attemptsLeft: '还可以再试 {{left}} 次',
		manualReview: '多次未通过。您的申请已转人工审核，工作人员会尽快与您联系，无需再次检测。',
		demo: '演示模式：结果不会提交',
		noFace: '没有看到人脸',
		faceCount: '画面中有 {{count}} 张脸',
		sendFailed: '结果提交失败，请检查网络后重试',
		rejected: '服务器未能确认本次检测结果，请重试',
		no_face: '没有检测到人脸',
		face_lost: '检测中人脸离开了画面',
		second_face: '画面中出现了第二张脸',
		identity_changed: '检测中换了人',
		wrong_action: '动作与提示不符',
		timeout: '动作没有在规定时间内完成',
		no_voice: '没有听到读数字的声音',
		not_frontal: '请正对摄像头',
		premature_action: '动作在提示出现之前就做了',
		late_start: '提示出现后动作开始得太晚',
		no_neutral: '两个动作之间没有回到正对、闭嘴、睁眼的姿势',
		wrong_digits: '读出的数字与屏幕上的不一致',
		wait: '请正对摄像头，等待提示'
	},
	en: {
		title: 'Liveness check',
		backToApplication: 'Back to your application',
		intro:
			'Find good light, put your face in the circle and follow the spoken and written prompts. It takes about 20 seconds.',
		start: 'Start the check',
		loading: 'Preparing face detection…',
		calibrating: 'Look straight at the camera and hold still',
		blink: 'Blink your eyes',
		'turn-left': 'Slowly turn your head to the left',
		'turn-right': 'Slowly turn your head to the right',
		nod: 'Nod your head',
		'open-mouth': 'Open your mouth wide',
		'read-digits': 'Read aloud: {{digits}}',
		step: 'Step {{n}} of {{total}}',
		seconds: '{{s}} s left',
		progress: 'Progress of the check',
		sending: 'Sending the result…',
		passed: 'Liveness check passed',
		failed: 'Not passed this time: {{reason}}',
		retry: 'Try again',
		attemptsLeft: '{{left}} attempts left',
		manualReview:
			'Several attempts did not pass. Your application now goes to a person for review; staff will contact you soon. No further check is needed.',
		demo: 'Demo mode: nothing is sent',
		noFace: 'No face in view',
		faceCount: '{{count}} faces in view',
		sendFailed: 'Could not send the result; check the connection and try again',
		rejected: 'The server could not confirm this check; please try again',
		no_face: 'no face was found',
		face_lost: 'the face left the picture during the check',
		second_face: 'a second face appeared',
		identity_changed: 'a different person appeared during the check',
		wrong_action: 'the movement did not match the prompt',
		timeout: 'the movement was not done in time',
		no_voice: 'no voice was heard reading the digits',
		not_frontal: 'please face the camera',
		premature_action: 'an action came before its prompt',
		late_start: 'the action started too late after its prompt',
		no_neutral: 'the face did not return to neutral between actions',
		wrong_digits: 'the digits heard were not the ones shown',
		wait: 'Look straight ahead and wait for the prompt'
	}
});

/** The prompt for an action (digits spaced out so speech reads them one by one). */
export function actionPrompt(action: LivenessAction, digits = ''): string {
	return t(action, { digits: digits.split('').join(' ') });
}

export function failureText(reason: LivenessFailure | undefined): string {
	return reason ? t(reason) : '';
}
