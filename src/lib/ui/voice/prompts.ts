/**
 * Large-text mode's voice prompts for any page: the page's `h1` (a page or a wizard step title)
 * is spoken when it appears or changes, and every element marked `data-voice` (e.g. the card
 * capture guidance) is spoken as a hint when its text settles — in the current language, at the
 * mode's slower rate. Pages need no code of their own: a title and a `data-voice` attribute do.
 */
import { timing } from '$lib/domain/timing.ts';
import { prefs } from '$lib/i18n';
import { VoicePrompter } from './prompter.ts';
import { hush, speak } from './speak.ts';

/** Watches `root` (the layout's `<main>`) and speaks; returns the function that stops it. */
export function startVoicePrompts(root: HTMLElement): () => void {
	const { hintSettleMs, hintRepeatMs } = timing(true);
	const prompter = new VoicePrompter(
		{
			speak: (text) => speak(text, prefs.locale),
			hush,
			now: () => performance.now(),
			setTimer: (fn, ms) => setTimeout(fn, ms),
			clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>)
		},
		{ settleMs: hintSettleMs, repeatMs: hintRepeatMs }
	);
	let title: { el: Element; text: string } | undefined;
	const hints = new WeakMap<Element, string>();
	let hadHints = false;
	const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

	const scan = () => {
		// A new title element (the next page or step) is spoken even when its text is the same.
		const h1 = root.querySelector('h1');
		const t = text(h1);
		if (h1 && t && (h1 !== title?.el || t !== title.text)) {
			title = { el: h1, text: t };
			prompter.title(t);
		}
		const live = root.querySelectorAll('[data-voice]');
		for (const el of live) {
			const hint = text(el);
			if (hint === hints.get(el)) continue;
			hints.set(el, hint);
			prompter.hint(hint);
		}
		// The guidance went (e.g. the photo was taken): a hint still waiting is stale.
		if (live.length === 0 && hadHints) prompter.hint('');
		hadHints = live.length > 0;
	};
	const observer = new MutationObserver(scan);
	observer.observe(root, { subtree: true, childList: true, characterData: true });
	scan();
	return () => {
		observer.disconnect();
		prompter.stop();
	};
}
