/**
 * Translations on i18next. Each feature keeps its own messages next to its code and registers
 * them as an i18next namespace with {@link defineMessages}; components call the returned `t`,
 * which re-renders when {@link setLocale} changes the language (it reads reactive state).
 *
 * ```ts
 * const t = defineMessages('capture', {
 * 	zh: { title: '拍摄证件', found: '已识别 {{count}} 项' },
 * 	en: { title: 'Photograph your cards', found: '{{count}} fields read' }
 * });
 * t('found', { count: 3 });
 * ```
 */
import i18next, { type i18n as I18n } from 'i18next';
import { prefs, type Locale } from './locale.svelte.ts';

export { prefs, setLocale, setLargeText, LOCALES, type Locale } from './locale.svelte.ts';

/** A user-facing text in both languages (the shape domain and server errors already use). */
export interface Message {
	zh: string;
	en: string;
}

const instance: I18n = i18next.createInstance();
void instance.init({
	lng: 'zh-CN',
	fallbackLng: 'zh-CN',
	supportedLngs: ['zh-CN', 'en'],
	initAsync: false,
	resources: {},
	interpolation: { escapeValue: false },
	returnNull: false,
	// i18next 25 otherwise logs an advert naming a third-party site in every user's console.
	showSupportNotice: false
});

/** Interpolation values for `{{name}}` placeholders. */
export type Vars = Record<string, string | number>;

/**
 * Registers a namespace of messages and returns its translate function. The English table must
 * have exactly the Chinese table's keys (checked by the type).
 */
export function defineMessages<K extends string>(
	namespace: string,
	messages: { zh: Record<K, string>; en: Record<K, string> }
): (key: K, vars?: Vars) => string {
	instance.addResourceBundle('zh-CN', namespace, messages.zh, true, true);
	instance.addResourceBundle('en', namespace, messages.en, true, true);
	return (key, vars) => instance.t(key, { ...vars, ns: namespace, lng: prefs.locale });
}

/** Picks the current language's text of a bilingual message (e.g. a typed error's). */
export function pick(message: Message, locale: Locale = prefs.locale): string {
	return locale === 'en' ? message.en : message.zh;
}
