/**
 * The digit vocabulary of each language, with phones in the acoustic model's phone set, and the
 * mapping of a decoder hypothesis back to a digit string. Pure; shared by worker, tests and bench.
 */

/** Languages the recogniser decodes (one acoustic model each). */
export type SpeechLang = 'zh' | 'en';

/** A dictionary word: decoder spelling, phones, the digit it stands for. */
export interface DigitWord {
	word: string;
	phones: string;
	digit: string;
}

/**
 * Mandarin digits in the `tdt_sc_8k` phone set (the CMU zh_broadcastnews dictionary spelling:
 * `if` is the apical vowel after s/c/z). 幺 (yāo) is the usual phone-number reading of 1 and
 * 两 (liǎng) a common 2.
 */
export const ZH_WORDS: readonly DigitWord[] = [
	{ word: 'ling', phones: 'l ing', digit: '0' },
	{ word: 'yi', phones: 'y i', digit: '1' },
	{ word: 'yao', phones: 'y ao', digit: '1' },
	{ word: 'er', phones: 'er', digit: '2' },
	{ word: 'liang', phones: 'l iang', digit: '2' },
	{ word: 'san', phones: 's an', digit: '3' },
	{ word: 'si', phones: 's if', digit: '4' },
	{ word: 'wu', phones: 'w u', digit: '5' },
	{ word: 'liu', phones: 'l iu', digit: '6' },
	{ word: 'qi', phones: 'q i', digit: '7' },
	{ word: 'ba', phones: 'b a', digit: '8' },
	{ word: 'jiu', phones: 'j iu', digit: '9' }
];

/** English digits in the CMU phone set of `rm1_200` ("oh" for 0 as in phone numbers). */
export const EN_WORDS: readonly DigitWord[] = [
	{ word: 'zero', phones: 'Z IH R OW', digit: '0' },
	{ word: 'oh', phones: 'OW', digit: '0' },
	{ word: 'one', phones: 'W AH N', digit: '1' },
	{ word: 'two', phones: 'T UW', digit: '2' },
	{ word: 'three', phones: 'TH R IY', digit: '3' },
	{ word: 'four', phones: 'F AO R', digit: '4' },
	{ word: 'five', phones: 'F AY V', digit: '5' },
	{ word: 'six', phones: 'S IH K S', digit: '6' },
	{ word: 'seven', phones: 'S EH V AH N', digit: '7' },
	{ word: 'eight', phones: 'EY T', digit: '8' },
	{ word: 'nine', phones: 'N AY N', digit: '9' }
];

export const WORDS: Readonly<Record<SpeechLang, readonly DigitWord[]>> = {
	zh: ZH_WORDS,
	en: EN_WORDS
};

/** One arc of a finite-state grammar; an empty `word` is a null (epsilon) arc. */
export interface GrammarArc {
	from: number;
	to: number;
	word: string;
	logp: number;
}

/**
 * A grammar of exactly `count` digit words, each any digit (never only the issued ones): the
 * number of digits is shown on screen anyway, and a fixed length stops the decoder from hearing
 * extra digits in noise (on `bench:digits` it took correct accepts from 17.5 % to 30 % on flite
 * English and 20 % to 25 % on espeak Mandarin, with false accepts unchanged).
 */
export function digitGrammar(
	lang: SpeechLang,
	count: number
): {
	start: number;
	end: number;
	numStates: number;
	transitions: GrammarArc[];
} {
	const transitions: GrammarArc[] = [];
	for (let i = 0; i < count; i++)
		for (const { word } of WORDS[lang]) transitions.push({ from: i, to: i + 1, word, logp: 0 });
	return { start: 0, end: count, numStates: count + 1, transitions };
}

/** The digits of a decoder hypothesis ("san qi" → "37"); unknown tokens (fillers) are skipped. */
export function hypothesisToDigits(hyp: string, lang: SpeechLang): string {
	const byWord = new Map(WORDS[lang].map((w) => [w.word, w.digit]));
	return hyp
		.split(/\s+/)
		.map((t) => byWord.get(t) ?? '')
		.join('');
}

/** A finite-state grammar as PocketSphinx's `addGrammar` takes it. */
export interface DigitGrammar {
	start: number;
	end: number;
	numStates: number;
	transitions: GrammarArc[];
}

/**
 * Decoder log-probabilities are in log base 1.0001 units, scaled down by 2^10 inside the search:
 * one nat is about 10,000.5 of them.
 */
export const LOGP_PER_NAT = 10000.5;

/**
 * The verification grammar for `issued` (a likelihood-ratio test in one decode): two branches
 * from the start, the issued digits as said (any spelling of each digit, no cost) and any
 * `issued.length` digits, each word costing `penaltyNats`. The decoder takes the issued branch
 * unless some other digit string fits the audio better by more than `issued.length ×
 * penaltyNats` of acoustic log-likelihood, so the result is the issued digits exactly when the
 * speech is at least nearly as well explained by them as by anything else. A penalty of 0 is the
 * plain recogniser of {@link digitGrammar}.
 */
export function verifyGrammar(lang: SpeechLang, issued: string, penaltyNats: number): DigitGrammar {
	const count = issued.length;
	const words = WORDS[lang];
	const transitions: GrammarArc[] = [];
	const end = 2 * count + 1;
	// Free branch: states 0 → 1 … count, then a null arc to the end.
	const logp = -Math.round(penaltyNats * LOGP_PER_NAT);
	for (let i = 0; i < count; i++)
		for (const { word } of words) transitions.push({ from: i, to: i + 1, word, logp });
	transitions.push({ from: count, to: end, word: '', logp: 0 });
	// Issued branch: 0 → count+1 … 2·count, then a null arc to the end.
	const at = (i: number) => (i === 0 ? 0 : count + i);
	for (let i = 0; i < count; i++)
		for (const { word, digit } of words)
			if (digit === issued[i])
				transitions.push({
					from: at(i),
					to: i === count - 1 ? 2 * count : at(i + 1),
					word,
					logp: 0
				});
	transitions.push({ from: 2 * count, to: end, word: '', logp: 0 });
	return { start: 0, end, numStates: end + 1, transitions };
}
