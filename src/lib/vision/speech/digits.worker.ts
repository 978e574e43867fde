/// <reference lib="webworker" />
/**
 * Spoken-digits worker: PocketSphinx (wasm) decoding one utterance per language with a fixed-length digit
 * grammar. Talks `digits.protocol.ts`; never lets an exception vanish. Audio stays in the worker:
 * only the recognised words leave it.
 */
import type { WorkerReply, WorkerRequest } from '../runtime/protocol.ts';
import { VisionWorkerError } from '../runtime/protocol.ts';
import type { DigitsMessage, DigitsResult } from './digits.protocol.ts';
import { createRecognizer } from './load.ts';
import type { DigitRecognizer } from './sphinx.ts';
import type { SpeechLang } from './words.ts';

declare const self: DedicatedWorkerGlobalScope;

// A decoder ready per language; each is used for one utterance (its cepstral-mean state would
// carry over to the next), then a fresh one is prepared.
const ready = new Map<SpeechLang, Promise<DigitRecognizer>>();

function recognizer(lang: SpeechLang): Promise<DigitRecognizer> {
	let r = ready.get(lang);
	if (!r) {
		r = createRecognizer(lang);
		r.catch(() => ready.delete(lang));
		ready.set(lang, r);
	}
	return r;
}

async function handle(msg: DigitsMessage): Promise<DigitsResult> {
	const t0 = performance.now();
	try {
		if (msg.type === 'load') {
			await Promise.all(msg.langs.map(recognizer));
			return { type: 'loaded', ms: performance.now() - t0 };
		}
		if (msg.type === 'verify') {
			const rec = await recognizer(msg.lang);
			ready.delete(msg.lang);
			const verdict = { lang: rec.lang, ...rec.verify(msg.pcm, msg.issued) };
			return { type: 'verified', verdict, ms: performance.now() - t0 };
		}
		const recs = await Promise.all(msg.langs.map(recognizer));
		for (const lang of msg.langs) ready.delete(lang);
		const heard = recs.map((rec) => ({
			lang: rec.lang,
			...rec.decode(msg.samples, msg.sampleRate)
		}));
		return { type: 'heard', heard, ms: performance.now() - t0 };
	} catch (err) {
		if (err instanceof VisionWorkerError) throw err;
		throw new VisionWorkerError('model_load_failed', String(err));
	}
}

self.onmessage = async (event: MessageEvent<WorkerRequest<DigitsMessage>>) => {
	const { id, ...msg } = event.data;
	let reply: WorkerReply<DigitsResult>;
	try {
		reply = { id, result: await handle(msg as DigitsMessage) };
	} catch (err) {
		const e =
			err instanceof VisionWorkerError ? err : new VisionWorkerError('internal', String(err));
		reply = { id, error: { code: e.code, message: e.message } };
	}
	self.postMessage(reply);
};
