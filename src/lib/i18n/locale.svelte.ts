/**
 * The UI language and the large-text (elderly) mode, as reactive state persisted in
 * `localStorage`. zh-CN is the default; `en` is picked when the browser prefers English.
 */
export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

const LOCALE_KEY = 'kaihu.locale';
const LARGE_KEY = 'kaihu.largeText';

function stored(key: string): string | null {
	try {
		return globalThis.localStorage?.getItem(key) ?? null;
	} catch {
		return null;
	}
}

function initialLocale(): Locale {
	const saved = stored(LOCALE_KEY);
	if (saved === 'zh-CN' || saved === 'en') return saved;
	const langs = globalThis.navigator?.languages ?? [];
	return langs[0]?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

/** Reactive preferences: read `prefs.locale` / `prefs.largeText` in components. */
export const prefs = $state({ locale: initialLocale(), largeText: stored(LARGE_KEY) === '1' });

function persist(key: string, value: string): void {
	try {
		globalThis.localStorage?.setItem(key, value);
	} catch {
		// Private mode: the choice lasts for this page only.
	}
}

/** Switches the UI language and remembers it on this device. */
export function setLocale(locale: Locale): void {
	prefs.locale = locale;
	persist(LOCALE_KEY, locale);
	if (globalThis.document) document.documentElement.lang = locale;
}

/** Turns the large-text mode (larger type and targets, slower step timers) on or off. */
export function setLargeText(on: boolean): void {
	prefs.largeText = on;
	persist(LARGE_KEY, on ? '1' : '0');
}
