/**
 * Speaking with the Web Speech API, where present — the one wrapper the liveness prompts, the
 * self-service witness questions and the large-text voice prompts share. Never rejects and never
 * hangs: no speech engine, no voice for the language, an engine error or an abort all just
 * resolve (the text is always on screen too), and a cap bounds engines that never report the end.
 */
import { timing } from '$lib/domain/timing.ts';
import { prefs } from '$lib/i18n';

export type SpeechLang = 'zh-CN' | 'en';

/** Rough speaking time of `text` plus a margin: the cap for engines that never say "end". */
export function speechCapMs(text: string, lang: SpeechLang, rate = 1): number {
	const perChar = lang === 'en' ? 70 : 260;
	return 1500 + (text.length * perChar) / Math.max(0.1, rate);
}

/** True when this browser can speak at all (it may still lack a voice for the language). */
export function canSpeak(): boolean {
	return typeof speechSynthesis !== 'undefined' && typeof SpeechSynthesisUtterance !== 'undefined';
}

export interface SpeakOptions {
	/** Stops speaking (and resolves) when aborted. */
	signal?: AbortSignal;
	/** Speaking rate; default: the mode's (`timing(prefs.largeText).speechRate`). */
	rate?: number;
}

/**
 * Speaks `text` in `lang`, replacing anything still being spoken; resolves when done (or when it
 * cannot speak, fails, is aborted, or the cap passes).
 */
export function speak(text: string, lang: SpeechLang, options: SpeakOptions = {}): Promise<void> {
	const { signal } = options;
	if (!canSpeak() || signal?.aborted || !text) return Promise.resolve();
	const voices = speechSynthesis.getVoices();
	// Voices load asynchronously; an empty list at first is normal, so only a loaded list without
	// a matching voice means "cannot speak this language".
	if (voices.length > 0 && !voices.some((v) => v.lang.startsWith(lang === 'en' ? 'en' : 'zh')))
		return Promise.resolve();
	const rate = options.rate ?? timing(prefs.largeText).speechRate;
	return new Promise<void>((resolve) => {
		let finished = false;
		const finish = () => {
			if (finished) return;
			finished = true;
			clearTimeout(cap);
			signal?.removeEventListener('abort', onAbort);
			resolve();
		};
		const onAbort = () => {
			speechSynthesis.cancel();
			finish();
		};
		const cap = setTimeout(finish, speechCapMs(text, lang, rate));
		signal?.addEventListener('abort', onAbort, { once: true });
		speechSynthesis.cancel();
		const u = new SpeechSynthesisUtterance(text);
		u.lang = lang;
		u.rate = rate;
		u.onend = finish;
		u.onerror = finish;
		speechSynthesis.speak(u);
	});
}

/** Stops whatever is being spoken. */
export function hush(): void {
	if (canSpeak()) speechSynthesis.cancel();
}
