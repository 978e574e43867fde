/** What can go wrong in robot mode, with the texts the customer sees (Chinese first). */
export type RobotErrorCode =
	| 'no_token'
	| 'offline'
	| 'not_pending'
	| 'too_many'
	| 'unauthorized'
	| 'media_denied'
	| 'save_failed'
	| 'server';

export class RobotError extends Error {
	constructor(readonly code: RobotErrorCode) {
		super(code);
		this.name = 'RobotError';
	}
}

export const ROBOT_ERROR_MESSAGES: Record<RobotErrorCode, { zh: string; en: string }> = {
	no_token: {
		zh: '链接不完整，请从申请页面重新打开自助见证',
		en: 'The link is incomplete; open self-service witness again from your application'
	},
	offline: {
		zh: '开始自助见证需要联网，请连接网络后重试（录好的回答可离线保存，联网后自动上传）',
		en: 'Starting needs a connection; try again once online (recorded answers are kept offline and upload later)'
	},
	not_pending: {
		zh: '您的申请当前无需视频见证',
		en: 'Your application is not waiting for a video witness'
	},
	too_many: {
		zh: '自助见证次数过多，请预约坐席视频见证',
		en: 'Too many self-service attempts; please book a call with an agent'
	},
	unauthorized: {
		zh: '申请令牌无效或已过期',
		en: 'The application token is invalid or has expired'
	},
	media_denied: {
		zh: '无法使用摄像头或麦克风，请在浏览器中允许访问',
		en: 'Camera or microphone unavailable; allow access in the browser'
	},
	save_failed: {
		zh: '回答未能保存到本机（存储空间可能不足），请重试',
		en: 'The answer could not be saved on this device (storage may be full); please retry'
	},
	server: {
		zh: '服务器暂时无法处理，请稍后再试',
		en: 'The server cannot help right now; try later'
	}
};
