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
		drafts: '未发送的草稿',
		draftsHint: '保存途中页面被刷新或关闭：以下内容已加密保存在本机，但尚未加入待发送。',
		draftFiles: '{{count}} 个文件 · {{size}}',
		draftUnreadable: '（无法解密）',
		draftSend: '发送',
		draftDiscard: '删除草稿',
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
		drafts: 'Unsent drafts',
		draftsHint:
			'The page was reloaded or closed while saving: these are stored encrypted on this device but not queued yet.',
		draftFiles: '{{count}} file(s) · {{size}}',
		draftUnreadable: '(cannot be decrypted)',
		draftSend: 'Send',
		draftDiscard: 'Discard draft',
		storage: 'Storage used {{used}} of {{quota}}',
		persisted: 'persistent',
		notPersisted: 'not persistent (the browser may evict it under pressure)'
	}
});
