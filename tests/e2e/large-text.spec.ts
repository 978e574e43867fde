/**
 * Large-text (elderly) mode across the customer flow: turned on from the header, it makes the
 * type larger and every touch target at least 48 px on the capture pages and each wizard step,
 * speaks each step's title and the card guidance in the current language (a recording stub
 * stands in for `speechSynthesis`), and holds the card auto-capture three times longer.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { cardClip } from '../fixtures/card-scene.ts';
import { writeY4m } from '../fixtures/y4m.ts';
import { GENERATED, launchOptions } from './browser.ts';
import { answer, expectStep, WIZARD_STEPS } from './journey/walk.ts';
import { recordSpeech, smallTargets, spoken } from './large-text.ts';

test.use({ locale: 'zh-CN' });

async function turnOnLargeText(page: Page): Promise<void> {
	await page.getByRole('button', { name: '大字模式' }).click();
	await expect(page.locator('html')).toHaveClass(/large-text/);
	expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('20px'); // prettier-ignore
}

async function expectSpoken(page: Page, text: string): Promise<void> {
	await expect
		.poll(async () => (await spoken(page)).some((u) => u.text === text && u.lang === 'zh-CN'), {
			message: `"${text}" spoken in zh-CN`,
			timeout: 10_000
		})
		.toBe(true);
}

test('every wizard step: large type, ≥ 48 px targets, the step title spoken', async ({ page }) => {
	test.setTimeout(120_000);
	await recordSpeech(page);
	await page.goto('/open');
	await turnOnLargeText(page);
	for (const step of WIZARD_STEPS) {
		await expectStep(page, step);
		const title = (await page.locator('main h1').innerText()).trim();
		await expectSpoken(page, title);
		expect(await smallTargets(page), `targets under 48 px on step ${step}`).toEqual([]);
		if (step === 'status') break;
		await answer(page, step, 31);
	}
	const rates = (await spoken(page)).map((u) => u.rate);
	expect(Math.max(...rates), 'voice prompts are slower in large-text mode').toBeLessThan(1);
});

/** A card that rests 4 s in view (long enough for the large-text hold), at 15 fps. */
const LONG_REST_Y4M = join(GENERATED, 'card-clip-long-rest.y4m');

/**
 * Opens the ID front capture, records when the guidance turns "ok" and when the photo is taken,
 * and returns the time from the last turn to "ok" to the capture (≥ the hold time).
 */
async function holdBeforeCapture(browser: Browser, baseURL: string, large: boolean) {
	const context = await browser.newContext({ baseURL, locale: 'zh-CN' });
	const page = await context.newPage();
	await recordSpeech(page);
	await page.addInitScript((on) => localStorage.setItem('kaihu.largeText', on ? '1' : '0'), large);
	await page.goto('/capture');
	await expect(page.locator('main h1')).toBeVisible();
	const listTargets = await smallTargets(page);
	await page.goto('/capture/id-front');
	const guidance = page.getByTestId('guidance');
	await expect(guidance).toBeVisible();
	const scannerTargets = await smallTargets(page);
	await page.evaluate(() => {
		const log: { code: string | null; t: number }[] = [];
		(window as unknown as { holdLog: typeof log }).holdLog = log;
		const seen = new Set<string>();
		(window as unknown as { guidanceTexts: Set<string> }).guidanceTexts = seen;
		new MutationObserver(() => {
			const g = document.querySelector('[data-testid="guidance"]');
			if (g) {
				const code = g.getAttribute('data-code');
				if (log.at(-1)?.code !== code) log.push({ code, t: performance.now() });
				seen.add((g.textContent ?? '').trim());
			}
			if (document.querySelector('[data-testid="captured"]') && log.at(-1)?.code !== 'captured')
				log.push({ code: 'captured', t: performance.now() });
		}).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true }); // prettier-ignore
	});
	await expect(page.getByTestId('captured')).toBeVisible({ timeout: 60_000 });
	const { log, texts } = await page.evaluate(() => ({
		log: (window as unknown as { holdLog: { code: string | null; t: number }[] }).holdLog,
		texts: [...(window as unknown as { guidanceTexts: Set<string> }).guidanceTexts]
	}));
	const captured = log.findIndex((e) => e.code === 'captured');
	const okAt = log.slice(0, captured).findLast((e) => e.code === 'ok');
	const held = (log[captured]?.t ?? 0) - (okAt?.t ?? Infinity);
	const said = (await spoken(page)).map((u) => u.text);
	await context.close();
	return { held, listTargets, scannerTargets, said, texts };
}

test('card capture: ≥ 48 px targets, guidance spoken, a 3× longer auto-capture hold', async ({
	baseURL
}) => {
	test.setTimeout(150_000);
	if (!existsSync(LONG_REST_Y4M)) writeY4m(LONG_REST_Y4M, cardClip(960, 540, 15, 60));
	const browser = await chromium.launch(launchOptions(LONG_REST_Y4M));
	try {
		const large = await holdBeforeCapture(browser, baseURL ?? '', true);
		const standard = await holdBeforeCapture(browser, baseURL ?? '', false);
		console.log(`auto-capture hold: standard ${Math.round(standard.held)} ms, large text ${Math.round(large.held)} ms`); // prettier-ignore

		expect(large.listTargets, 'targets under 48 px on /capture').toEqual([]);
		expect(large.scannerTargets, 'targets under 48 px on the scanner').toEqual([]);
		expect(large.said, 'the page title is spoken').toContain('身份证人像面');
		const spokenGuidance = large.said.filter((s) => large.texts.includes(s));
		expect(spokenGuidance.length, `guidance spoken: ${large.said.join(' | ')}`).toBeGreaterThan(0);
		expect(standard.said, 'no voice prompts in the standard mode').toEqual([]);

		// The hold starts at the first good frame and the guidance shows "ok" from that frame on.
		expect(standard.held).toBeGreaterThanOrEqual(450);
		expect(large.held).toBeGreaterThanOrEqual(1450);
	} finally {
		await browser.close();
	}
});

/** The customer's other pages: home, camera help, liveness, the witness booking and waiting room. */
const OTHER_PAGES = [
	'/',
	'/help/camera',
	'/camera-check',
	'/liveness',
	'/outbox',
	'/witness/book#app=large-text-e2e&k=kh_large-text-e2e',
	'/witness/large-text-e2e'
];

test('the other customer pages: ≥ 48 px targets and the title spoken', async ({ page }) => {
	test.setTimeout(90_000);
	await recordSpeech(page);
	await page.goto('/');
	await turnOnLargeText(page);
	for (const path of OTHER_PAGES) {
		await page.goto(path);
		const title = (await page.locator('main h1').first().innerText()).trim();
		await expectSpoken(page, title);
		expect(await smallTargets(page), `targets under 48 px on ${path}`).toEqual([]);
	}
});
