/** Camera troubleshooting texts, zh-CN + en. */
import { defineMessages } from '$lib/i18n';

export const PROBLEMS = ['permission', 'black', 'none', 'inapp', 'dark', 'glare'] as const;
export type Problem = (typeof PROBLEMS)[number];

export const tm = defineMessages('troubleshoot', {
	zh: {
		h: '摄像头问题排查',
		status_ok: '此浏览器可以使用摄像头。',
		status_no_gum: '此浏览器无法调用摄像头。',
		status_inapp: '您正在 {{app}} 内打开本页，应用内浏览器常常不能使用摄像头。',
		check: '检测摄像头',
		permission_t: '摄像头权限被拒绝',
		permission:
			'点击地址栏左侧的锁形图标 → 网站设置 → 摄像头 → 允许，然后刷新页面。安卓手机还需在“设置 → 应用 → 浏览器 → 权限”中允许摄像头。',
		black_t: '画面全黑',
		black:
			'检查镜头是否被遮挡或贴膜；关闭其他正在使用摄像头的应用（视频通话、相机）；切换前后摄像头；重启浏览器后重试。',
		none_t: '找不到摄像头',
		none: '确认设备有摄像头且未被系统禁用。没有摄像头时，可以在拍摄页选择“导入照片”，上传用其他手机拍摄的证件照片。',
		inapp_t: '在微信等应用内打开，无法使用摄像头',
		inapp:
			'点击右上角“…”，选择“在浏览器中打开”，用手机自带浏览器继续（已填写的内容保存在本机，不会丢失）。也可以在拍摄页选择“导入照片”。',
		dark_t: '画面太暗',
		dark: '到明亮处或打开灯，避免背光（不要背对窗户）；证件平放在深色桌面上更容易识别。',
		glare_t: '证件反光',
		glare: '稍微倾斜证件或手机，避开灯光直射；不要开闪光灯；去掉证件套。'
	},
	en: {
		h: 'Camera troubleshooting',
		status_ok: 'This browser can use the camera.',
		status_no_gum: 'This browser cannot use the camera.',
		status_inapp:
			'You opened this page inside {{app}}: in-app browsers often cannot use the camera.',
		check: 'Check the camera',
		permission_t: 'Camera permission denied',
		permission:
			'Tap the lock icon left of the address → Site settings → Camera → Allow, then reload. On Android also allow the camera under Settings → Apps → your browser → Permissions.',
		black_t: 'The picture is black',
		black:
			'Check the lens is not covered; close other apps using the camera (video calls, the camera app); switch between front and back cameras; restart the browser and try again.',
		none_t: 'No camera found',
		none: 'Make sure the device has a camera and it is not disabled. Without one, choose “Import a photo” on the capture page and upload photos of your cards taken with another phone.',
		inapp_t: 'Opened inside WeChat or another app: no camera',
		inapp:
			'Tap “…” in the top corner and choose “Open in browser” to continue in your phone’s own browser (what you entered is kept on this device). Or choose “Import a photo” on the capture page.',
		dark_t: 'The picture is too dark',
		dark: 'Move somewhere brighter or turn on a light, and do not stand with a window behind you; a card on a dark table is read best.',
		glare_t: 'Glare on the card',
		glare:
			'Tilt the card or the phone slightly away from the light; do not use the flash; take the card out of its sleeve.'
	}
});
