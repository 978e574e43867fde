/** Strings shared by the wizard's frame (progress, navigation, saving). Steps keep their own. */
import { defineMessages } from '$lib/i18n';

export const t = defineMessages('open', {
	zh: {
		title: '远程开户',
		progress: '开户进度',
		stage_apply: '申请开户',
		stage_identity: '身份验证',
		stage_card: '开户银行卡',
		stage_video: '视频采集',
		stage_sign: '签署协议',
		stage_done: '开户成功',
		stage_current: '（当前）',
		back: '上一步',
		next: '下一步',
		saved: '已加密保存在本机，可随时关闭，下次打开从这里继续。',
		save_error: '无法保存：{{reason}}',
		loading: '正在读取本机保存的申请…',
		required: '必填',
		fix: '请更正：{{what}}',
		troubleshoot: '摄像头有问题？查看解决办法',
		restart: '重新开始新的申请'
	},
	en: {
		title: 'Open an account',
		progress: 'Progress',
		stage_apply: 'Apply',
		stage_identity: 'Identity',
		stage_card: 'Bank card',
		stage_video: 'Video',
		stage_sign: 'Sign',
		stage_done: 'Done',
		stage_current: ' (current)',
		back: 'Back',
		next: 'Continue',
		saved: 'Saved encrypted on this device: close any time and continue here later.',
		save_error: 'Could not save: {{reason}}',
		loading: 'Reading the application saved on this device…',
		required: 'required',
		fix: 'Please correct: {{what}}',
		troubleshoot: 'Camera trouble? See what to do',
		restart: 'Start a new application'
	}
});
