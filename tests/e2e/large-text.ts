/**
 * Helpers of the large-text (elderly) mode e2e: a recording `speechSynthesis` stub (installed
 * before the app's scripts) and a measure of the touch targets a page shows.
 */
import type { Page } from '@playwright/test';

export interface Utterance {
	text: string;
	lang: string;
	rate: number;
}

/** Replaces `speechSynthesis` with a stub that records utterances and "speaks" each in 200 ms. */
export async function recordSpeech(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const spoken: { text: string; lang: string; rate: number }[] = [];
		let current: { onend: (() => void) | null } | null = null;
		class Utterance {
			lang = '';
			rate = 1;
			onend: (() => void) | null = null;
			onerror: (() => void) | null = null;
			constructor(readonly text: string) {}
		}
		const synth = {
			getVoices: () => [],
			cancel() {
				current?.onend?.();
				current = null;
			},
			speak(u: Utterance) {
				spoken.push({ text: u.text, lang: u.lang, rate: u.rate });
				current = u;
				setTimeout(() => {
					if (current !== u) return;
					current = null;
					u.onend?.();
				}, 200);
			}
		};
		Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
		Object.defineProperty(window, 'SpeechSynthesisUtterance', {
			value: Utterance,
			configurable: true
		});
		(window as unknown as { spoken: typeof spoken }).spoken = spoken;
	});
}

/** What the page has spoken so far (through the stub of {@link recordSpeech}). */
export function spoken(page: Page): Promise<Utterance[]> {
	return page.evaluate(() => (window as unknown as { spoken: Utterance[] }).spoken);
}

/**
 * Every visible control smaller than `min` CSS px in either direction, described. A control
 * inside a `<label>` counts with its label (tapping the label operates it, as for a check box
 * or the hidden file input of an "import a photo" button).
 */
export function smallTargets(page: Page, min = 48): Promise<string[]> {
	return page.evaluate((min) => {
		const out: string[] = [];
		const controls = 'a[href], button, input, select, textarea, summary, [role="button"]';
		for (const el of document.querySelectorAll<HTMLElement>(controls)) {
			const label = el.closest('label');
			const target = el instanceof HTMLInputElement && label ? label : el;
			const r = target.getBoundingClientRect();
			const style = getComputedStyle(target);
			// Not shown, or off screen until focused (the skip link).
			if (r.width === 0 || r.height === 0 || style.visibility === 'hidden') continue;
			if (r.right <= 0 || r.bottom <= 0) continue;
			if (r.width < min - 0.5 || r.height < min - 0.5) {
				const name = (target.textContent ?? '').trim().slice(0, 30) || el.getAttribute('aria-label') || el.tagName; // prettier-ignore
				out.push(`${el.tagName.toLowerCase()} "${name}" ${Math.round(r.width)}×${Math.round(r.height)}`); // prettier-ignore
			}
		}
		return out;
	}, min);
}
