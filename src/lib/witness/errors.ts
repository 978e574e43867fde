/** What can go wrong in a witness call. String values, so they survive logs and postMessage. */
export enum WitnessErrorCode {
	/** The signalling server refused the credential (expired, wrong booking, forged). */
	SignallingRefused = 'signalling-refused',
	/** Another connection already holds this party's id. */
	IdTaken = 'id-taken',
	/** The other party is not connected (yet). */
	PeerUnavailable = 'peer-unavailable',
	/** The signalling server cannot be reached. */
	Network = 'network',
	/** Camera or microphone refused or missing. */
	MediaDenied = 'media-denied',
	/** The media path failed and re-dialling did not bring it back. */
	ConnectionFailed = 'connection-failed',
	/** The browser lacks WebRTC. */
	Unsupported = 'unsupported',
	Internal = 'internal'
}

/** User-facing texts, Chinese first. */
export const WITNESS_ERROR_MESSAGES: Record<WitnessErrorCode, { zh: string; en: string }> = {
	[WitnessErrorCode.SignallingRefused]: {
		zh: '视频见证链接无效或已过期，请重新打开预约链接',
		en: 'The witness link is invalid or expired; open the booking link again'
	},
	[WitnessErrorCode.IdTaken]: {
		zh: '此视频见证已在另一个窗口或设备上打开',
		en: 'This witness call is already open in another window or device'
	},
	[WitnessErrorCode.PeerUnavailable]: {
		zh: '对方尚未连线，请稍候',
		en: 'The other party has not joined yet; please wait'
	},
	[WitnessErrorCode.Network]: {
		zh: '无法连接服务器，正在重试',
		en: 'Cannot reach the server; retrying'
	},
	[WitnessErrorCode.MediaDenied]: {
		zh: '无法使用摄像头或麦克风，请在浏览器中允许访问',
		en: 'Camera or microphone unavailable; allow access in the browser'
	},
	[WitnessErrorCode.ConnectionFailed]: {
		zh: '视频连接中断，正在重新连接',
		en: 'The video connection dropped; reconnecting'
	},
	[WitnessErrorCode.Unsupported]: {
		zh: '此浏览器不支持视频通话',
		en: 'This browser does not support video calls'
	},
	[WitnessErrorCode.Internal]: { zh: '发生内部错误', en: 'An internal error occurred' }
};

/** An error with a stable `code` and the bilingual message for it. */
export class WitnessError extends Error {
	constructor(
		readonly code: WitnessErrorCode,
		/** Technical detail for logs (never shown, never PII). */
		readonly detail?: string
	) {
		super(`${WITNESS_ERROR_MESSAGES[code].zh} / ${WITNESS_ERROR_MESSAGES[code].en}`);
		this.name = 'WitnessError';
	}
}

/** Maps a `peerjs` PeerError type to ours. */
export function fromPeerErrorType(type: string): WitnessErrorCode {
	switch (type) {
		case 'server-error':
		case 'invalid-key':
		case 'invalid-id':
			return WitnessErrorCode.SignallingRefused;
		case 'unavailable-id':
			return WitnessErrorCode.IdTaken;
		case 'peer-unavailable':
			return WitnessErrorCode.PeerUnavailable;
		case 'network':
		case 'socket-error':
		case 'socket-closed':
		case 'disconnected':
		case 'ssl-unavailable':
			return WitnessErrorCode.Network;
		case 'browser-incompatible':
			return WitnessErrorCode.Unsupported;
		case 'webrtc':
		case 'negotiation-failed':
		case 'connection-closed':
			return WitnessErrorCode.ConnectionFailed;
		default:
			return WitnessErrorCode.Internal;
	}
}
