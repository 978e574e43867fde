/**
 * The read-digits step's audio on the page: the microphone recorded while the check runs, the
 * step's stretch cut out afterwards, verified on the device against the issued digits (the
 * spoken-digits worker) and sent to the server, which verifies it again itself.
 */
import { DigitsClient } from '$lib/vision/speech/digits-client.ts';
import type { DigitsVerdict } from '$lib/vision/speech/digits.protocol.ts';
import { MODEL_RATE, modelPcm } from '$lib/vision/speech/sphinx.ts';
import { encodeWav16, MAX_VOICE_SECONDS } from '$lib/vision/speech/wav.ts';
import type { SpeechLang } from '$lib/vision/speech/words.ts';

interface Chunk {
	/** `performance.now()` when the chunk's last sample was captured (approximately). */
	end: number;
	samples: Float32Array;
}

/** Keeps the microphone's samples (the last {@link KEEP_S} seconds) with their times. */
export class SpeechRecorder {
	readonly #ctx: AudioContext;
	readonly #node: ScriptProcessorNode;
	readonly #chunks: Chunk[] = [];
	static readonly KEEP_S = 40;

	constructor(stream: MediaStream) {
		this.#ctx = new AudioContext();
		const source = this.#ctx.createMediaStreamSource(stream);
		// ScriptProcessor: no worklet module to load under the CSP; 4096 frames ≈ 85 ms at 48 kHz.
		this.#node = this.#ctx.createScriptProcessor(4096, 1, 1);
		this.#node.onaudioprocess = (e) => {
			const samples = new Float32Array(e.inputBuffer.getChannelData(0));
			this.#chunks.push({ end: performance.now(), samples });
			const rate = this.#ctx.sampleRate;
			while (this.#chunks.length * 4096 > SpeechRecorder.KEEP_S * rate) this.#chunks.shift();
		};
		source.connect(this.#node);
		// A processor only runs when connected onward; a silent gain keeps it off the speakers.
		const mute = this.#ctx.createGain();
		mute.gain.value = 0;
		this.#node.connect(mute).connect(this.#ctx.destination);
	}

	get sampleRate(): number {
		return this.#ctx.sampleRate;
	}

	/** Samples captured between `from` and `to` (`performance.now()` times). */
	segment(from: number, to: number): Float32Array {
		const rate = this.#ctx.sampleRate;
		const parts: Float32Array[] = [];
		for (const c of this.#chunks) {
			const start = c.end - (1000 * c.samples.length) / rate;
			if (c.end <= from || start >= to) continue;
			const a = Math.max(0, Math.round(((from - start) * rate) / 1000));
			const b = Math.min(c.samples.length, Math.round(((to - start) * rate) / 1000));
			parts.push(c.samples.subarray(a, b));
		}
		const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
		let at = 0;
		for (const p of parts) {
			out.set(p, at);
			at += p.length;
		}
		return out;
	}

	close(): void {
		this.#node.onaudioprocess = null;
		void this.#ctx.close();
	}
}

/** What the page sends with the attempt, and what the device heard. */
export interface SpokenDigits {
	/** WAV (16-bit PCM at the model rate), base64. */
	wav: string;
	lang: SpeechLang;
	/** The device's own verdict; undefined when the recogniser could not run here. */
	verdict?: DigitsVerdict;
}

/** Heard before the prompt and after the step (ms): reaction and trailing syllables. */
const MARGIN_MS = 250;

let shared: DigitsClient | undefined;
/** The page's one spoken-digits worker client. */
export function digitsClient(): DigitsClient {
	return (shared ??= new DigitsClient());
}

/**
 * Cuts the step's audio (`from`–`to`, the last {@link MAX_VOICE_SECONDS} of it), verifies it on
 * the device and packs it for the server. A recogniser that fails to load is not the customer's
 * fault: the verdict is left out and the server decides alone.
 */
export async function spokenDigits(
	rec: SpeechRecorder,
	from: number,
	to: number,
	lang: SpeechLang,
	issued: string
): Promise<SpokenDigits> {
	const end = to + MARGIN_MS;
	const start = Math.max(from - MARGIN_MS, end - MAX_VOICE_SECONDS * 1000 + 20);
	// The processor delivers in ~85 ms chunks: wait for the one holding the step's end.
	await new Promise((r) => setTimeout(r, MARGIN_MS + 150));
	const pcm = modelPcm(rec.segment(start, end), rec.sampleRate, lang);
	const wav = base64(encodeWav16(pcm, MODEL_RATE[lang]));
	try {
		const { verdict } = await digitsClient().verify(pcm, lang, issued);
		return { wav, lang, verdict };
	} catch (err) {
		console.warn('digits recogniser unavailable', err instanceof Error ? err.name : 'error');
		return { wav, lang };
	}
}

function base64(bytes: Uint8Array): string {
	let bin = '';
	for (let i = 0; i < bytes.length; i += 0x8000)
		bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return btoa(bin);
}
