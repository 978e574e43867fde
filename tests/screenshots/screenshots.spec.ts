/**
 * Screenshots of every wizard step and the other main pages at phone (360×740) and tablet
 * (1024×768) sizes, in zh-CN and en, into `reports/screenshots/` (`npm run screenshots`); and a
 * few in large-text mode (`*-large-text-*.png`).
 */
import { test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../e2e/own-server.ts';
import { answer, expectStep, WIZARD_STEPS } from '../e2e/journey/walk.ts';

const OUT = join(ROOT, 'reports', 'screenshots');
const SIZES = { phone: { width: 360, height: 740 }, tablet: { width: 1024, height: 768 } };
const PAGES = {
	home: '/',
	'camera-check': '/camera-check',
	'camera-help': '/help/camera',
	capture: '/capture',
	outbox: '/outbox'
};

/** Pages also shot in large-text mode (with the first wizard steps). */
const LARGE_TEXT_PAGES = {
	home: '/',
	capture: '/capture',
	'capture-id-front': '/capture/id-front'
};

mkdirSync(OUT, { recursive: true });

for (const [size, viewport] of Object.entries(SIZES))
	for (const locale of ['zh-CN', 'en'] as const)
		test.describe(`${size} ${locale}`, () => {
			test.use({ viewport, locale });
			const shot = (name: string) => join(OUT, `${size}-${locale}-${name}.png`);

			test('pages', async ({ page }) => {
				for (const [name, path] of Object.entries(PAGES)) {
					await page.goto(path);
					await page.locator('main').waitFor();
					await page.screenshot({ path: shot(name), fullPage: true });
				}
			});

			test('large text', async ({ page }) => {
				await page.addInitScript(() => localStorage.setItem('kaihu.largeText', '1'));
				for (const [name, path] of Object.entries(LARGE_TEXT_PAGES)) {
					await page.goto(path);
					await page.locator('main h1').first().waitFor();
					await page.screenshot({ path: shot(`large-text-${name}`), fullPage: true });
				}
				await page.goto('/open');
				for (const step of ['welcome', 'basic', 'id'] as const) {
					await expectStep(page, step);
					await page.locator('main h1').waitFor();
					await page.screenshot({ path: shot(`large-text-open-${step}`), fullPage: true });
					if (step !== 'id') await answer(page, step, 30);
				}
			});

			test('wizard steps', async ({ page }) => {
				await page.goto('/open');
				for (const [i, step] of WIZARD_STEPS.entries()) {
					await expectStep(page, step);
					await page.locator('main h1').waitFor(); // the step's view loads lazily
					await page.screenshot({ path: shot(`open-${i}-${step}`), fullPage: true });
					if (step === 'status') break;
					await answer(page, step, 30);
				}
			});
		});
