/**
 * The digit recogniser in Node (golden test, `npm run bench:digits`): the same wasm, loader and
 * model files the browser gets, read from `static/` after `npm run models` — the server's loader
 * (`server/liveness/speech.ts`), so the bench measures what the server re-check runs.
 */
import { nodeRecognizer } from '../../server/liveness/speech.ts';
import type { DigitRecognizer } from '../../src/lib/vision/speech/sphinx.ts';
import type { SpeechLang } from '../../src/lib/vision/speech/words.ts';

/**
 * Recognisers for the given languages, one wasm instance each: two decoders in one instance
 * interfere (English decoded after Mandarin in the same instance came out as noise).
 */
export async function nodeRecognizers(
	langs: readonly SpeechLang[]
): Promise<Map<SpeechLang, DigitRecognizer>> {
	const out = new Map<SpeechLang, DigitRecognizer>();
	for (const lang of langs) out.set(lang, await nodeRecognizer(lang));
	return out;
}
