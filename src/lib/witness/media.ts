/**
 * Low-bandwidth media defaults for rural mobile links: ≈ 320×240 at 15 fps, video ≤ 150 kbps,
 * mono Opus ≤ 32 kbps with in-band FEC.
 */

export const VIDEO_MAX_KBPS = 150;
export const AUDIO_MAX_KBPS = 32;
export const VIDEO_FPS = 15;

/** getUserMedia constraints for the witness call. */
export const WITNESS_CONSTRAINTS: MediaStreamConstraints = {
	video: {
		width: { ideal: 320 },
		height: { ideal: 240 },
		frameRate: { ideal: VIDEO_FPS, max: VIDEO_FPS },
		facingMode: 'user'
	},
	audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true, channelCount: 1 }
};

/** Asks for camera and microphone with the witness constraints. */
export function getWitnessMedia(
	constraints: MediaStreamConstraints = WITNESS_CONSTRAINTS
): Promise<MediaStream> {
	return navigator.mediaDevices.getUserMedia(constraints);
}

/**
 * SDP transform (both offer and answer): caps Opus at {@link AUDIO_MAX_KBPS}, mono, with FEC and
 * DTX, so the far end's encoder honours it too.
 */
export function limitOpus(sdp: string, maxKbps = AUDIO_MAX_KBPS): string {
	const opus = /^a=rtpmap:(\d+) opus\/48000/im.exec(sdp)?.[1];
	if (!opus) return sdp;
	const extra = {
		maxaveragebitrate: String(maxKbps * 1000),
		stereo: '0',
		useinbandfec: '1',
		usedtx: '1'
	};
	const fmtp = new RegExp(`^a=fmtp:${opus} (.*)$`, 'im');
	const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
	const m = fmtp.exec(sdp);
	if (!m) {
		const rtpmap = new RegExp(`^(a=rtpmap:${opus} .*)$`, 'im');
		const params = Object.entries(extra)
			.map(([k, v]) => `${k}=${v}`)
			.join(';');
		return sdp.replace(rtpmap, `$1${eol}a=fmtp:${opus} ${params}`);
	}
	const params = new Map(
		(m[1] ?? '')
			.split(';')
			.filter(Boolean)
			.map((p) => p.split('=') as [string, string])
	);
	for (const [k, v] of Object.entries(extra)) params.set(k, v);
	const line = `a=fmtp:${opus} ${[...params].map(([k, v]) => `${k}=${v}`).join(';')}`;
	return sdp.replace(fmtp, line);
}

/** What the adaptation wants the video sender to do. */
export interface VideoSendPlan {
	/** false → audio-only: the video encoding is paused. */
	active: boolean;
	maxKbps: number;
	/** 1 = 320×240, 2 = 160×120. */
	scaleDown: number;
}

/** Applies caps to the senders of a peer connection with `RTCRtpSender.setParameters`. */
export async function applySenderLimits(
	pc: RTCPeerConnection,
	video: VideoSendPlan,
	audioMaxKbps = AUDIO_MAX_KBPS
): Promise<void> {
	for (const sender of pc.getSenders()) {
		const kind = sender.track?.kind;
		if (!kind) continue;
		const params = sender.getParameters();
		if (!params.encodings?.length) params.encodings = [{}];
		const enc = params.encodings[0]!;
		if (kind === 'video') {
			enc.active = video.active;
			enc.maxBitrate = video.maxKbps * 1000;
			enc.maxFramerate = VIDEO_FPS;
			enc.scaleResolutionDownBy = video.scaleDown;
		} else {
			enc.maxBitrate = audioMaxKbps * 1000;
		}
		await sender.setParameters(params);
	}
}
