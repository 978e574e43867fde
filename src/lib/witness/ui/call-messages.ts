import { defineMessages } from '$lib/i18n';

/** Texts of the call panel (both parties). */
export const t = defineMessages('witness-call', {
	zh: {
		idle: '准备中',
		signalling: '正在连接服务器',
		waiting: '等待对方加入',
		connected: '通话中',
		reconnecting: '正在重新连接',
		closed: '通话已结束',
		audioOnlyMode: '仅语音',
		videoMode: '视频',
		recorded: '录制片段：{{count}}',
		toAudioOnly: '仅语音',
		resumeVideo: '恢复视频',
		hangUp: '挂断',
		remoteVideo: '对方视频',
		localVideo: '本人画面',
		agentTitle: '坐席视频见证'
	},
	en: {
		idle: 'Preparing',
		signalling: 'Connecting to the server',
		waiting: 'Waiting for the other party',
		connected: 'In call',
		reconnecting: 'Reconnecting',
		closed: 'Call ended',
		audioOnlyMode: 'Audio only',
		videoMode: 'Video',
		recorded: 'Recorded chunks: {{count}}',
		toAudioOnly: 'Audio only',
		resumeVideo: 'Resume video',
		hangUp: 'Hang up',
		remoteVideo: 'Other party’s video',
		localVideo: 'Your camera',
		agentTitle: 'Agent video witness'
	}
});
