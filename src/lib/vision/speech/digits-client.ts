/**
 * The spoken-digits worker's client: lazy start, `AbortSignal` per call, idle termination (via
 * `WorkerClient`). Created only when the server issues a read-digits step.
 *
 * @example
 * const speech = new DigitsClient();
 * void speech.load(['zh', 'en']); // while the prompt is shown
 * const heard = await speech.recognise(samples, 48000, ['zh', 'en']);
 */
import { WorkerClient } from '../runtime/worker-client.ts';
import type { DigitsHeard, DigitsMessage, DigitsResult, DigitsVerdict } from './digits.protocol.ts';
import type { SpeechLang } from './words.ts';

export class DigitsClient {
	readonly #worker: WorkerClient<DigitsMessage, DigitsResult>;

	constructor(create?: () => Worker, idleMs = 60_000) {
		this.#worker = new WorkerClient<DigitsMessage, DigitsResult>(
			create ??
				(() => new Worker(new URL('./digits.worker.ts', import.meta.url), { type: 'module' })),
			idleMs
		);
	}

	/** Downloads and starts the decoders; resolves with the time taken in ms. */
	async load(langs: SpeechLang[], signal?: AbortSignal): Promise<number> {
		const r = await this.#worker.call({ type: 'load', langs }, { signal });
		return r.ms;
	}

	/** Decodes one utterance (the samples' buffer is transferred to the worker). */
	async recognise(
		samples: Float32Array,
		sampleRate: number,
		langs: SpeechLang[],
		signal?: AbortSignal
	): Promise<{ heard: DigitsHeard[]; ms: number }> {
		const r = await this.#worker.call(
			{ type: 'recognise', samples, sampleRate, langs },
			{ signal, transfer: [samples.buffer] }
		);
		if (r.type !== 'heard') throw new Error('unexpected reply');
		return { heard: r.heard, ms: r.ms };
	}

	/** Whether `pcm` (model rate of `lang`, from `modelPcm`) says `issued`; the buffer is copied. */
	async verify(
		pcm: Int16Array,
		lang: SpeechLang,
		issued: string,
		signal?: AbortSignal
	): Promise<{ verdict: DigitsVerdict; ms: number }> {
		const copy = pcm.slice();
		const r = await this.#worker.call(
			{ type: 'verify', pcm: copy, lang, issued },
			{ signal, transfer: [copy.buffer] }
		);
		if (r.type !== 'verified') throw new Error('unexpected reply');
		return { verdict: r.verdict, ms: r.ms };
	}

	terminate(): void {
		this.#worker.terminate();
	}
}
