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
	| { type: 'recognise'; samples: Float32Array; sampleRate: number; langs: SpeechLang[] }
	/**
	 * Does `pcm` (16-bit at the model rate of `lang`, see `modelPcm`) say `issued`? A fresh
	 * decoder, as for `recognise`.
	 */
	| { type: 'verify'; pcm: Int16Array; lang: SpeechLang; issued: string };

/** What one language's decoder heard. */
export interface DigitsHeard {
	lang: SpeechLang;
	hyp: string;
	digits: string;
}

/** The verifier's answer: what it heard, and whether that is the issued digits. */
export interface DigitsVerdict extends DigitsHeard {
	matched: boolean;
}

export type DigitsResult =
	| { type: 'loaded'; ms: number }
	| { type: 'heard'; heard: DigitsHeard[]; ms: number }
	| { type: 'verified'; verdict: DigitsVerdict; ms: number };
