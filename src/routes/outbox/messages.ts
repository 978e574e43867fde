/** Texts of the outbox page (namespace `outbox`). */
import { defineMessages } from '$lib/i18n';

export const t = defineMessages('outbox', {
	zh: {
		title: '待发送',
		heading: '网点采集',
		name: '姓名',
		idNumber: '证件号码',
		file: '证件照片或录像',
		submit: '提交（离线也可）',
		saving: '正在加密保存…',
		saved: '已加密保存，联网后自动发送',
		saveFailed: '保存失败，请重试。',
		outbox: '待发送',
		storage: '本机存储 {{used}} / {{quota}}',
		persisted: '已持久化',
		notPersisted: '未持久化（空间紧张时浏览器可能清除）'
	},
	en: {
		title: 'Outbox',
		heading: 'Branch capture',
		name: 'Name',
		idNumber: 'ID number',
		file: 'ID photo or recording',
		submit: 'Submit (works offline)',
		saving: 'Encrypting…',
		saved: 'Saved encrypted; it is sent automatically when online',
		saveFailed: 'Could not save; please try again.',
		outbox: 'Outbox',
		storage: 'Storage used {{used}} of {{quota}}',
		persisted: 'persistent',
		notPersisted: 'not persistent (the browser may evict it under pressure)'
	}
});
