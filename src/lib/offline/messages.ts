/** Texts of the offline-readiness banner (namespace `offline`). */
import { defineMessages } from '$lib/i18n';

export const t = defineMessages('offline', {
	zh: {
		ready: '✓ 可离线使用',
		unsupported: '此浏览器不支持离线使用',
		shellReady: '应用已缓存',
		shellInstalling: '正在缓存应用…',
		stepsReady: '可离线：{{steps}}',
		stepsMissing: '待下载：{{steps}}',
		step_card: '证件识别',
		step_face: '人脸核验',
		download: '下载离线资源（{{size}}）',
		progressLabel: '离线资源下载进度',
		downloadFailed: '下载中断，请重试',
		update: '新版本可用，点击更新（排队的资料不会丢失）',
		listSeparator: '、'
	},
	en: {
		ready: '✓ Ready to work offline',
		unsupported: 'Offline use is not available in this browser',
		shellReady: 'App cached',
		shellInstalling: 'Caching the app…',
		stepsReady: 'Offline ready: {{steps}}',
		stepsMissing: 'To download: {{steps}}',
		step_card: 'card reading',
		step_face: 'face check',
		download: 'Download for offline use ({{size}})',
		progressLabel: 'Offline download progress',
		downloadFailed: 'Download interrupted, try again',
		update: 'Update available — queued work is kept',
		listSeparator: ', '
	}
});
