/** Why the camera could not start; each code has a bilingual explanation and a way forward. */
export type CameraErrorCode =
	| 'unsupported'
	| 'insecure_context'
	| 'permission_denied'
	| 'no_camera'
	| 'camera_busy'
	| 'unknown';

export interface CameraProblem {
	code: CameraErrorCode;
	zh: string;
	en: string;
}

const MESSAGES: Record<CameraErrorCode, { zh: string; en: string }> = {
	unsupported: {
		zh: '当前浏览器无法使用摄像头（常见于应用内浏览器）。请用系统浏览器打开，或改为上传照片。',
		en: 'This browser cannot use the camera (common in in-app browsers). Open the link in your system browser, or upload photos instead.'
	},
	insecure_context: {
		zh: '摄像头只能在安全连接（https）下使用。',
		en: 'The camera is only available over a secure (https) connection.'
	},
	permission_denied: {
		zh: '摄像头权限被拒绝。请在浏览器地址栏左侧的权限设置中允许使用摄像头，然后重试。',
		en: 'Camera permission was denied. Allow the camera in your browser’s site settings, then try again.'
	},
	no_camera: {
		zh: '未找到可用的摄像头。请确认设备有摄像头，或改为上传照片。',
		en: 'No camera was found. Check that your device has one, or upload photos instead.'
	},
	camera_busy: {
		zh: '摄像头正被其他应用占用。请关闭其他使用摄像头的应用后重试。',
		en: 'The camera is in use by another app. Close it and try again.'
	},
	unknown: {
		zh: '摄像头启动失败，请重试。',
		en: 'The camera could not start. Please try again.'
	}
};

/** Maps a `getUserMedia` failure (a `DOMException` name) to a {@link CameraProblem}. */
export function cameraProblem(errOrCode: unknown): CameraProblem {
	const code = typeof errOrCode === 'string' ? (errOrCode as CameraErrorCode) : codeOf(errOrCode);
	return { code, ...MESSAGES[code] };
}

function codeOf(err: unknown): CameraErrorCode {
	const name = (err as { name?: unknown } | null)?.name;
	switch (name) {
		case 'NotAllowedError':
		case 'SecurityError':
			return 'permission_denied';
		case 'NotFoundError':
		case 'OverconstrainedError':
			return 'no_camera';
		case 'NotReadableError':
		case 'AbortError':
			return 'camera_busy';
		default:
			return 'unknown';
	}
}
