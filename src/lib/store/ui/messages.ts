/** Texts of the sync status list (namespace `sync`). */
import { defineMessages } from '$lib/i18n';

export const t = defineMessages('sync', {
	zh: {
		label: '同步状态',
		summary: '待发送 {{waiting}} · 已发送 {{sent}} · 失败 {{failed}}',
		empty: '没有待发送的记录',
		state_queued: '排队中',
		state_uploading: '上传中',
		state_sent: '已发送',
		state_failed: '发送失败',
		progressLabel: '上传进度',
		delivered: '已于 {{time}} 送达，本机资料已清除',
		retry: '重试'
	},
	en: {
		label: 'Sync status',
		summary: '{{waiting}} waiting · {{sent}} sent · {{failed}} failed',
		empty: 'Nothing to send',
		state_queued: 'Queued',
		state_uploading: 'Uploading',
		state_sent: 'Sent',
		state_failed: 'Failed',
		progressLabel: 'Upload progress',
		delivered: 'Delivered {{time}}; removed from this device',
		retry: 'Retry'
	}
});
