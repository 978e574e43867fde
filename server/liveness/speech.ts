/**
 * The server's own hearing of the read-digits step: the recording the device sent (16-bit PCM at
 * the model rate, `src/lib/vision/speech/wav.ts`) decoded by the same PocketSphinx wasm and model
 * files the browser downloads (read from `static/`), with the same verifier, against the digits
 * this server issued. A fresh wasm instance per recording, as on the device (the decoder adapts
 * its cepstral mean across utterances). The compiled module and the files are read once.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
	MODEL_DIR,
	MODEL_FILES,
	SPHINX_LOADER_PATH,
	SPHINX_WASM_PATH
} from '../../src/lib/vision/speech/assets.ts';
import {
	DigitRecognizer,
	instantiateSphinx,
	MODEL_RATE,
	type ModelFiles,
	type SphinxFactory
} from '../../src/lib/vision/speech/sphinx.ts';
import type { SpeechLang } from '../../src/lib/vision/speech/words.ts';

/**
 * Where the served wasm and models are (`npm run models` writes them). Found from this module's
 * folder, like the face models (`server/face/`): the e2e server bundle (`tests/e2e/own-server.ts`)
 * defines `import.meta.dirname` as a folder two below the root, while its `import.meta.url` is one
 * below, so a path from the URL pointed outside the checkout there.
 */
export const STATIC_DIR = resolve(import.meta.dirname, '../../static');

interface Loaded {
	factory: SphinxFactory;
	wasm: Uint8Array;
	models: Map<SpeechLang, ModelFiles>;
}

let loaded: Promise<Loaded> | undefined;

async function load(dir: string): Promise<Loaded> {
	const mod = (await import(pathToFileURL(join(dir, SPHINX_LOADER_PATH)).href)) as {
		default: SphinxFactory;
	};
	const wasm = new Uint8Array(await readFile(join(dir, SPHINX_WASM_PATH)));
	const models = new Map<SpeechLang, ModelFiles>();
	for (const lang of Object.keys(MODEL_DIR) as SpeechLang[]) {
		const files: Record<string, Uint8Array> = {};
		for (const f of MODEL_FILES)
			files[f] = new Uint8Array(await readFile(join(dir, MODEL_DIR[lang], f)));
		models.set(lang, files);
	}
	return { factory: mod.default, wasm, models };
}

/** A fresh recogniser for `lang` (Node: the bench, the golden tests and the server). */
export async function nodeRecognizer(lang: SpeechLang, dir = STATIC_DIR): Promise<DigitRecognizer> {
	loaded ??= load(dir).catch((err: unknown) => {
		loaded = undefined;
		throw err;
	});
	const { factory, wasm, models } = await loaded;
	const M = await instantiateSphinx(factory, wasm);
	return new DigitRecognizer(M, lang, models.get(lang)!);
}

/** What the server heard in a recording. */
export interface ServerVerdict {
	lang: SpeechLang;
	digits: string;
	matched: boolean;
}

/** Verifies `pcm` (at `sampleRate`, which must be `lang`'s model rate) against `issued`. */
export async function verifySpokenDigits(
	pcm: Int16Array,
	sampleRate: number,
	lang: SpeechLang,
	issued: string
): Promise<ServerVerdict> {
	if (sampleRate !== MODEL_RATE[lang]) return { lang, digits: '', matched: false };
	const rec = await nodeRecognizer(lang);
	const { digits, matched } = rec.verify(pcm, issued);
	return { lang, digits, matched };
}
