/**
 * Speaks a question with the Web Speech API where present. Never rejects and never hangs: no
 * speech engine, no voice for the language, an engine error or an abort all just resolve (the
 * question text is always on screen), and a cap bounds engines that never report the end.
 */
import type { RobotQuestion } from './script.ts';

export type SpeechLang = 'zh-CN' | 'en';

/** Rough speaking time of `text` plus a margin: the cap for engines that never say "end". */
export function speechCapMs(text: string, lang: SpeechLang): number {
	const perChar = lang === 'en' ? 70 : 260;
	return 1500 + text.length * perChar;
}

/** True when this browser can speak at all (it may still lack a voice for the language). */
export function canSpeak(): boolean {
	return typeof speechSynthesis !== 'undefined' && typeof SpeechSynthesisUtterance !== 'undefined';
}

export function speakQuestion(
	question: RobotQuestion,
	lang: SpeechLang,
	signal: AbortSignal
): Promise<void> {
	if (!canSpeak() || signal.aborted) return Promise.resolve();
	const text = lang === 'en' ? question.en : question.zh;
	const voices = speechSynthesis.getVoices();
	// Voices load asynchronously; an empty list at first is normal, so only a loaded list without
	// a matching voice means "cannot speak this language".
	if (voices.length > 0 && !voices.some((v) => v.lang.startsWith(lang === 'en' ? 'en' : 'zh')))
		return Promise.resolve();
	return new Promise<void>((resolve) => {
		let finished = false;
		const finish = () => {
			if (finished) return;
			finished = true;
			clearTimeout(cap);
			signal.removeEventListener('abort', onAbort);
			resolve();
		};
		const onAbort = () => {
			speechSynthesis.cancel();
			finish();
		};
		const cap = setTimeout(finish, speechCapMs(text, lang));
		signal.addEventListener('abort', onAbort, { once: true });
		speechSynthesis.cancel();
		const u = new SpeechSynthesisUtterance(text);
		u.lang = lang;
		u.rate = 0.9;
		u.onend = finish;
		u.onerror = finish;
		speechSynthesis.speak(u);
	});
}
