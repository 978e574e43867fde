/**
 * Where the recogniser's files are served (copied there by `scripts/models/sources-speech.ts`,
 * listed with their sha256 in `static/models/manifest.json`).
 */
import type { SpeechLang } from './words.ts';

export const SPHINX_WASM_PATH = '/wasm/pocketsphinx/pocketsphinx.wasm';
export const SPHINX_LOADER_PATH = '/wasm/pocketsphinx/pocketsphinx.mjs';

/** Model directory of each language. */
export const MODEL_DIR: Readonly<Record<SpeechLang, string>> = {
	zh: '/models/speech/zh',
	en: '/models/speech/en'
};

/** Files of a Sphinx acoustic model directory. */
export const MODEL_FILES = [
	'feat.params',
	'mdef',
	'means',
	'variances',
	'sendump',
	'transition_matrices',
	'noisedict'
] as const;
