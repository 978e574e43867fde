/**
 * Messages of the spoken-digits worker (`digits.worker.ts`), shared by worker and client.
 * Requests carry an `id` added by `WorkerClient`; replies are `{ id, result } | { id, error }`.
 */
import type { SpeechLang } from './words.ts';

export type DigitsMessage =
	/** Download (verified, cached) and start the decoders for `langs` now. */
	| { type: 'load'; langs: SpeechLang[] }
	/**
	 * Decode one utterance (mono samples in [-1, 1] at `sampleRate`, transferred) with each
	 * language's decoder. Each decoder is used for one utterance, then replaced.
	 */
	| { type: 'recognise'; samples: Float32Array; sampleRate: number; langs: SpeechLang[] };

/** What one language's decoder heard. */
export interface DigitsHeard {
	lang: SpeechLang;
	hyp: string;
	digits: string;
}

export type DigitsResult =
	{ type: 'loaded'; ms: number } | { type: 'heard'; heard: DigitsHeard[]; ms: number };
