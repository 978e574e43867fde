/**
 * The check's media besides the tracker: spoken prompts, the microphone level for the digits
 * step, the best frontal frame (JPEG) and a short low-bitrate clip (WebM) as evidence.
 */
import { speak as speakText } from '$lib/ui/voice/speak.ts';
import type { FaceMeasurement } from '$lib/vision/face/measurement.ts';

/** Speaks `text` where the browser can (the shared wrapper), replacing anything still speaking. */
export function speak(text: string, lang: 'zh-CN' | 'en'): void {
	void speakText(text, lang);
}

/** How often the meter looks at the microphone between analysed frames (ms). */
const METER_POLL_MS = 20;

/**
 * Loudness (0–1) of a microphone stream for the digits step: at each analysed frame, the
 * loudest RMS of a ~21 ms window heard since the previous frame. The analyser only holds its
 * last window, so a slow tracker (a low-end or busy phone analyses a frame every 125–250 ms)
 * reading it once per frame would hear speech only where a frame happened to fall inside a
 * syllable, and count a steady reader as silent; a 20 ms poll keeps the loudest window between
 * frames instead.
 */
export class VoiceMeter {
	readonly #ctx: AudioContext;
	readonly #analyser: AnalyserNode;
	readonly #buf: Float32Array<ArrayBuffer>;
	readonly #poll: ReturnType<typeof setInterval>;
	#peak = 0;

	constructor(stream: MediaStream) {
		this.#ctx = new AudioContext();
		this.#analyser = this.#ctx.createAnalyser();
		this.#analyser.fftSize = 1024;
		this.#ctx.createMediaStreamSource(stream).connect(this.#analyser);
		this.#buf = new Float32Array(this.#analyser.fftSize);
		this.#poll = setInterval(() => (this.#peak = Math.max(this.#peak, this.#rms())), METER_POLL_MS);
	}

	/** The loudest level since the last call (and now), then starts over. */
	level(): number {
		const level = Math.max(this.#peak, this.#rms());
		this.#peak = 0;
		return level;
	}

	#rms(): number {
		this.#analyser.getFloatTimeDomainData(this.#buf);
		let sum = 0;
		for (const v of this.#buf) sum += v * v;
		return Math.sqrt(sum / this.#buf.length);
	}

	close(): void {
		clearInterval(this.#poll);
		void this.#ctx.close();
	}
}

/** Keeps the most frontal, eyes-open frame seen while the face is alone in view. */
export class BestFrame {
	#score = Infinity;
	#canvas: HTMLCanvasElement | undefined;

	offer(video: HTMLVideoElement, m: FaceMeasurement): void {
		const f = m.face;
		if (!f || m.faceCount !== 1 || Math.min(f.eyeLeft, f.eyeRight) < 0.15) return;
		const score = Math.abs(f.pose.yaw) + Math.abs(f.pose.pitch) + Math.abs(f.pose.roll) / 2;
		if (score >= this.#score - 0.5) return; // only clearly better frames are redrawn
		this.#score = score;
		const scale = Math.min(1, 480 / Math.max(video.videoWidth, video.videoHeight));
		this.#canvas ??= document.createElement('canvas');
		this.#canvas.width = Math.round(video.videoWidth * scale);
		this.#canvas.height = Math.round(video.videoHeight * scale);
		this.#canvas.getContext('2d')?.drawImage(video, 0, 0, this.#canvas.width, this.#canvas.height);
	}

	/** The frame as base64 JPEG (undefined when no frame qualified). */
	async jpegBase64(): Promise<string | undefined> {
		const canvas = this.#canvas;
		if (!canvas) return undefined;
		const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/jpeg', 0.85));
		return blob ? blobToBase64(blob) : undefined;
	}
}

/** The largest clip the server accepts (server/liveness/schemas.ts). */
const MAX_CLIP_BYTES = 512 * 1024;

/**
 * Records the camera at a low bitrate for the duration of one attempt, from a clone of the camera
 * track scaled to 320×240 at 10 fps: software video encoding competes with the tracker for CPU.
 */
export class ClipRecorder {
	readonly #recorder: MediaRecorder | undefined;
	readonly #chunks: Blob[] = [];
	readonly #track: MediaStreamTrack | undefined;

	constructor(stream: MediaStream) {
		if (typeof MediaRecorder === 'undefined') return;
		const mimeType = ['video/webm;codecs=vp8', 'video/webm', 'video/mp4'].find((t) => MediaRecorder.isTypeSupported(t)); // prettier-ignore
		this.#track = stream.getVideoTracks()[0]?.clone();
		if (!mimeType || !this.#track) {
			this.#track?.stop();
			return;
		}
		void this.#track.applyConstraints({ width: 320, height: 240, frameRate: 10 }).catch(() => undefined); // prettier-ignore
		this.#recorder = new MediaRecorder(new MediaStream([this.#track]), {
			mimeType,
			videoBitsPerSecond: 120_000
		});
		this.#recorder.ondataavailable = (e) => e.data.size && this.#chunks.push(e.data);
		this.#recorder.start(1000);
	}

	/** Stops and returns the clip as base64, or undefined when none or too large to send. */
	async stop(): Promise<string | undefined> {
		const r = this.#recorder;
		if (!r || r.state === 'inactive') return undefined;
		await new Promise<void>((resolve) => {
			r.onstop = () => resolve();
			r.stop();
		});
		this.#track?.stop();
		const blob = new Blob(this.#chunks, { type: r.mimeType });
		return blob.size > 0 && blob.size <= MAX_CLIP_BYTES ? blobToBase64(blob) : undefined;
	}
}

async function blobToBase64(blob: Blob): Promise<string> {
	const bytes = new Uint8Array(await blob.arrayBuffer());
	let bin = '';
	for (let i = 0; i < bytes.length; i += 0x8000)
		bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return btoa(bin);
}
