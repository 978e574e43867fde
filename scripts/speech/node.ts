/**
 * The digit recogniser in Node (golden test, `npm run bench:digits`): the same wasm, loader and
 * model files the browser gets, read from `static/` after `npm run models`.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
	DigitRecognizer,
	instantiateSphinx,
	type ModelFiles,
	type SphinxFactory
} from '../../src/lib/vision/speech/sphinx.ts';
import {
	MODEL_FILES,
	MODEL_DIR,
	SPHINX_LOADER_PATH,
	SPHINX_WASM_PATH
} from '../../src/lib/vision/speech/assets.ts';
import type { SpeechLang } from '../../src/lib/vision/speech/words.ts';

const STATIC = resolve(fileURLToPath(import.meta.url), '../../../static');

async function modelFiles(lang: SpeechLang): Promise<ModelFiles> {
	const out: Record<string, Uint8Array> = {};
	for (const name of MODEL_FILES) {
		out[name] = new Uint8Array(await readFile(join(STATIC, MODEL_DIR[lang], name)));
	}
	return out;
}

/**
 * Recognisers for the given languages, one wasm instance each: two decoders in one instance
 * interfere (English decoded after Mandarin in the same instance came out as noise).
 */
export async function nodeRecognizers(
	langs: readonly SpeechLang[]
): Promise<Map<SpeechLang, DigitRecognizer>> {
	const loader = (await import(pathToFileURL(join(STATIC, SPHINX_LOADER_PATH)).href)) as {
		default: SphinxFactory;
	};
	const wasm = new Uint8Array(await readFile(join(STATIC, SPHINX_WASM_PATH)));
	const out = new Map<SpeechLang, DigitRecognizer>();
	for (const lang of langs) {
		const M = await instantiateSphinx(loader.default, wasm);
		out.set(lang, new DigitRecognizer(M, lang, await modelFiles(lang)));
	}
	return out;
}
