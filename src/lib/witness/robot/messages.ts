/** Robot-mode texts (namespace `robot`) and the scripted questions (namespace `robot-questions`). */
import { defineMessages } from '$lib/i18n';
import { ROBOT_QUESTIONS } from './script.ts';

export const t = defineMessages('robot', {
	zh: {
		title: '自助视频见证',
		intro:
			'目前没有空闲坐席。系统将依次提出 {{count}} 个问题，请在每个问题后面对摄像头作答。您的回答会被录像，并由坐席稍后审核。',
		start: '开始',
		starting: '正在准备…',
		progress: '第 {{n}} 题，共 {{total}} 题',
		asking: '请听题',
		answering: '请作答',
		saving: '正在保存回答…',
		remaining: '剩余 {{seconds}} 秒',
		repeat: '重听问题',
		next: '回答完毕，下一题',
		finish: '回答完毕，提交',
		retry: '重试',
		done: '已完成全部问题。回答将在联网时自动上传，坐席审核后会通知您。',
		saved: '已保存的回答',
		savedItem: '第 {{n}} 题：{{kb}} KB',
		noSpeech: '此设备无法朗读问题，请阅读屏幕上的问题。',
		preview: '您的摄像头画面',
		upload: '上传状态'
	},
	en: {
		title: 'Self-service video witness',
		intro:
			'No agent is free right now. You will be asked {{count}} questions; answer each one facing the camera. Your answers are recorded and reviewed by an agent later.',
		start: 'Start',
		starting: 'Preparing…',
		progress: 'Question {{n}} of {{total}}',
		asking: 'Listen to the question',
		answering: 'Please answer',
		saving: 'Saving your answer…',
		remaining: '{{seconds}} s left',
		repeat: 'Repeat the question',
		next: 'Done, next question',
		finish: 'Done, submit',
		retry: 'Retry',
		done: 'All questions answered. Your answers upload automatically when online; you will be told once an agent has reviewed them.',
		saved: 'Saved answers',
		savedItem: 'Question {{n}}: {{kb}} KB',
		noSpeech: 'This device cannot read the questions aloud; please read them on screen.',
		preview: 'Your camera',
		upload: 'Upload status'
	}
});

/** The scripted questions by id, in the current language. */
export const tq = defineMessages('robot-questions', {
	zh: Object.fromEntries(ROBOT_QUESTIONS.map((q) => [q.id, q.zh])),
	en: Object.fromEntries(ROBOT_QUESTIONS.map((q) => [q.id, q.en]))
});

/** Texts of the staff review (namespace `robot-review`). */
export const tr = defineMessages('robot-review', {
	zh: {
		title: '自助见证审核',
		queue: '待审核的自助见证',
		empty: '暂无待审核的会话',
		open: '审核',
		answers: '{{answers}}/{{questions}} 个回答',
		application: '申请',
		question: '问题 {{n}}',
		missing: '未收到回答',
		ok: '回答合格',
		flag: '存疑',
		note: '备注',
		accept: '通过见证',
		escalate: '转人工审核',
		reason: '转人工原因',
		reviewed: '已审核：{{outcome}}',
		accepted: '通过',
		manual_review: '转人工审核',
		loginNeeded: '请先以坐席或审核员身份登录',
		failed: '操作失败：{{message}}'
	},
	en: {
		title: 'Self-service witness review',
		queue: 'Self-service sessions awaiting review',
		empty: 'No sessions awaiting review',
		open: 'Review',
		answers: '{{answers}}/{{questions}} answers',
		application: 'Application',
		question: 'Question {{n}}',
		missing: 'No answer received',
		ok: 'Answer acceptable',
		flag: 'Doubtful',
		note: 'Note',
		accept: 'Accept witness',
		escalate: 'Send to manual review',
		reason: 'Reason for manual review',
		reviewed: 'Reviewed: {{outcome}}',
		accepted: 'accepted',
		manual_review: 'manual review',
		loginNeeded: 'Please sign in as an agent or reviewer first',
		failed: 'Failed: {{message}}'
	}
});
