/**
 * Loading the recogniser in the browser (worker-safe, no DOM): wasm, loader and model files
 * through the model store (resumable, sha256-verified, kept in the offline cache), one wasm
 * instance per language (two decoders in one instance interfere), memoised per language and
 * dropped on failure so the next call retries.
 */
import manifest from '../../../../static/models/manifest.json';
import { modelCacheName, modelPartialCacheName } from '../../offline/constants.ts';
import { loadModelBytes } from '../runtime/model-store.ts';
import { MODEL_DIR, MODEL_FILES, SPHINX_LOADER_PATH, SPHINX_WASM_PATH } from './assets.ts';
import {
	DigitRecognizer,
	instantiateSphinx,
	SphinxError,
	type ModelFiles,
	type SphinxFactory
} from './sphinx.ts';
import type { SpeechLang } from './words.ts';

const CACHES = { files: modelCacheName(), partial: modelPartialCacheName() };

async function bytesOf(path: string): Promise<Uint8Array<ArrayBuffer>> {
	const asset = manifest.assets.find((a) => a.path === path);
	if (!asset) throw new SphinxError(`${path} is not in the model manifest`);
	return loadModelBytes(asset, CACHES);
}

let factory: Promise<SphinxFactory> | undefined;

async function loadFactory(): Promise<SphinxFactory> {
	// Fetched (verified, into the offline cache) first, then imported by its own URL: the CSP's
	// script-src is 'self' without blob:, and offline the service worker answers from that cache.
	await bytesOf(SPHINX_LOADER_PATH);
	const mod = (await import(/* @vite-ignore */ SPHINX_LOADER_PATH)) as { default: SphinxFactory };
	return mod.default;
}

async function modelFiles(lang: SpeechLang): Promise<ModelFiles> {
	const files = await Promise.all(MODEL_FILES.map((f) => bytesOf(`${MODEL_DIR[lang]}/${f}`)));
	return Object.fromEntries(MODEL_FILES.map((f, i) => [f, files[i] as Uint8Array]));
}

/** A fresh decoder for `lang` (downloads happen once; the wasm instance is new each time). */
export async function createRecognizer(lang: SpeechLang): Promise<DigitRecognizer> {
	factory ??= loadFactory().catch((err: unknown) => {
		factory = undefined;
		throw err;
	});
	const [make, wasm, files] = await Promise.all([
		factory,
		bytesOf(SPHINX_WASM_PATH),
		modelFiles(lang)
	]);
	const M = await instantiateSphinx(make, wasm);
	return new DigitRecognizer(M, lang, files);
}
