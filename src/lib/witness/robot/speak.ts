/**
 * Speaks a robot question in the customer's language with the shared voice wrapper
 * (`$lib/ui/voice/speak.ts`: never rejects, never hangs), a little slower than normal speech.
 */
import { speak, type SpeechLang } from '$lib/ui/voice/speak.ts';
import { timing } from '$lib/domain/timing.ts';
import { prefs } from '$lib/i18n';
import type { RobotQuestion } from './script.ts';

export { canSpeak, speechCapMs, type SpeechLang } from '$lib/ui/voice/speak.ts';

export function speakQuestion(
	question: RobotQuestion,
	lang: SpeechLang,
	signal: AbortSignal
): Promise<void> {
	const text = lang === 'en' ? question.en : question.zh;
	return speak(text, lang, { signal, rate: 0.9 * timing(prefs.largeText).speechRate });
}
