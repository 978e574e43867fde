/**
 * Walks the customer wizard (`/open`) step by step through its real UI, by test ids so the same
 * walk works in zh-CN and en. Shared by the journey e2e, the accessibility e2e and
 * `npm run screenshots`. The ID and liveness steps are answered directly here (typed fields, the
 * manual-review route); the full journey e2e does them through the camera instead
 * (`cards.ts`, `face.ts`).
 */
import { expect, type Page } from '@playwright/test';
import { syntheticCitizens } from '../../../server/registry/synthetic.ts';

export const WIZARD_STEPS = [
	'welcome',
	'basic',
	'id',
	'liveness',
	'registry',
	'bank',
	'kyc',
	'witness',
	'sign',
	'status'
] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

/** A citizen of the server's embedded registry (same seed as the server), so the check passes. */
export function citizen(i: number) {
	const c = syntheticCitizens(50)[i];
	if (!c) throw new Error(`no citizen ${i}`);
	return c;
}

/** The mobile number the walk enters. */
export const PHONE = '13800138000';
/** The address the walk enters. */
export const ADDRESS = '北京市东城区测试路1号';

/** A debit card number that passes the Luhn, BIN and debit checks. */
export const BANK_CARD = '6228480402564890018';

export async function expectStep(page: Page, step: WizardStep): Promise<void> {
	await expect(page.getByTestId('wizard')).toHaveAttribute('data-step', step, { timeout: 15_000 });
}

async function next(page: Page): Promise<void> {
	await page.getByTestId('next').click();
}

/** Draws a signature-like zigzag on the pad with the mouse (pointer events). */
export async function drawSignature(page: Page): Promise<void> {
	const pad = page.getByTestId('signature-pad');
	await pad.scrollIntoViewIfNeeded();
	const box = await pad.boundingBox();
	if (!box) throw new Error('signature pad not visible');
	await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.6);
	await page.mouse.down();
	for (let i = 1; i <= 12; i++)
		await page.mouse.move(
			box.x + box.width * (0.1 + i * 0.065),
			box.y + box.height * (i % 2 ? 0.3 : 0.7),
			{ steps: 3 }
		);
	await page.mouse.up();
	await expect(pad).toHaveAttribute('data-strokes', '1');
}

/** Answers the current step (which must be `step`) and moves on. */
export async function answer(page: Page, step: WizardStep, who = 0): Promise<void> {
	await expectStep(page, step);
	const c = citizen(who);
	switch (step) {
		case 'welcome':
			await page.getByTestId('consent-terms').check();
			await page.getByTestId('face-yes').check();
			break;
		case 'basic':
			await page.getByTestId('phone').fill(PHONE);
			break;
		case 'id':
			// Typed here; the full journey photographs the card and confirms what OCR read (cards.ts).
			await page.getByTestId('id-name').fill(c.name);
			await page.getByTestId('id-number').fill(c.idNumber);
			await page.getByTestId('id-valid-from').fill(c.validFrom);
			if (c.validTo) await page.getByTestId('id-valid-to').fill(c.validTo);
			else {
				await page.getByTestId('id-long-term').click();
				await expect(page.getByTestId('id-valid-to')).toHaveCount(0);
			}
			await page.getByTestId('id-address').fill(ADDRESS);
			break;
		case 'liveness':
			// The manual-review route here; the full journey passes the check as the face actor (face.ts).
			break;
		case 'registry':
			break;
		case 'bank':
			await page.getByTestId('bank-number').fill(BANK_CARD);
			break;
		case 'kyc':
			await page.getByTestId('kyc-occupation').selectOption('employee');
			await page.getByTestId('kyc-income').selectOption('50k_200k');
			await page.getByTestId('kyc-purpose').selectOption('salary');
			break;
		case 'witness':
			await page.getByTestId('witness-video').check();
			break;
		case 'sign':
			await page.getByTestId('declare').check();
			await drawSignature(page);
			break;
		case 'status':
			return;
	}
	await next(page);
}

/** From the first step up to (not answering) `until`. */
export async function walkTo(page: Page, until: WizardStep, who = 0): Promise<void> {
	for (const step of WIZARD_STEPS) {
		if (step === until) return expectStep(page, step);
		await answer(page, step, who);
	}
}
