/**
 * axe-core on every page, in both languages: no serious or critical violations. The wizard is
 * walked through all its steps (each step is a page the customer sees). Pages are listed here;
 * add a new route to PAGES when it lands.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { answer, expectStep, WIZARD_STEPS } from './journey/walk.ts';

const PAGES = [
	'/',
	'/camera-check',
	'/help/camera',
	'/capture',
	'/capture/id-front',
	'/outbox',
	'/ocr-check',
	'/witness/e2e-a11y',
	'/witness/e2e-a11y/agent'
];

async function expectNoSeriousViolations(page: Page, label: string): Promise<void> {
	const { violations } = await new AxeBuilder({ page }).analyze();
	const serious = violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	expect(serious, `${label}: serious/critical axe violations`).toEqual([]);
}

for (const locale of ['zh-CN', 'en'] as const) {
	test.describe(`accessibility in ${locale}`, () => {
		test.use({ locale });

		test(`every page has no serious or critical violations (${locale})`, async ({ page }) => {
			test.setTimeout(180_000);
			for (const path of PAGES) {
				console.log(`axe ${locale} ${path}`);
				await page.goto(path);
				await expect(page.locator('main')).toBeVisible();
				await expect(page.locator('html')).toHaveAttribute('lang', locale);
				await expectNoSeriousViolations(page, path);
			}
		});

		test(`every wizard step has no serious or critical violations (${locale})`, async ({
			page
		}) => {
			test.setTimeout(180_000);
			await page.goto('/open');
			for (const step of WIZARD_STEPS) {
				await expectStep(page, step);
				await expectNoSeriousViolations(page, `/open ${step}`);
				if (step === 'status') break;
				await answer(page, step, locale === 'en' ? 21 : 20);
			}
		});
	});
}
