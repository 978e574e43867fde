/**
 * The ID step the way a customer does it: from the wizard to the capture flow, the fake camera
 * showing the photo side, the emblem side and the bank card of one generated card set in turn,
 * OCR reading each, and back to the wizard, which shows what was read for confirmation.
 */
import { expect, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CardTruth } from '../../fixtures/cards/generate.ts';
import { BANK_CARD_Y4M, ID_BACK_Y4M, ID_FRONT_CLEAN_Y4M, JOURNEY_CARD_DIR } from '../browser.ts';
import type { FakeCamera } from './camera.ts';
import { expectStep } from './walk.ts';

/** The person on the journey's card set (ground truth written by the generator). */
export function journeyCards(): Record<CardTruth['kind'], CardTruth> {
	const out: Partial<Record<CardTruth['kind'], CardTruth>> = {};
	for (const f of readdirSync(JOURNEY_CARD_DIR).filter((f) => f.endsWith('.json'))) {
		const t = JSON.parse(readFileSync(join(JOURNEY_CARD_DIR, f), 'utf8')) as CardTruth;
		out[t.kind] = t;
	}
	if (!out['id-front'] || !out['id-back'] || !out.bank) throw new Error('journey cards missing');
	return out as Record<CardTruth['kind'], CardTruth>;
}

const SIDES = [
	['id-front', ID_FRONT_CLEAN_Y4M],
	['id-back', ID_BACK_Y4M],
	['bank', BANK_CARD_Y4M]
] as const;

/**
 * From the wizard's ID step through the three captures and back; returns at the ID step with the
 * read fields in the form. `usePhoto` is the capture page's accept button label.
 */
export async function captureCards(page: Page, camera: FakeCamera, usePhoto: string) {
	const truth = journeyCards()['id-front'].identity;
	await expectStep(page, 'id');
	camera.show(ID_FRONT_CLEAN_Y4M);
	await page.getByTestId('take-id-front').click();
	for (const [i, [side]] of SIDES.entries()) {
		await expect(page).toHaveURL(new RegExp(`/capture/${side}\\?back=`));
		const fields = page.getByTestId('fields');
		// The OCR worker loads on the first side; later sides read at once.
		await expect(fields).toBeVisible({ timeout: 90_000 });
		if (side === 'id-front')
			await expect(fields.locator('[data-field="idNumber"]')).toHaveText(truth.idNumber);
		if (side === 'bank') await expect(fields.locator('[data-field="cardNumber"]')).not.toBeEmpty();
		// The customer holds up the next card before the next page opens the camera.
		const next = SIDES[i + 1];
		if (next) camera.show(next[1]);
		await page.getByRole('button', { name: usePhoto }).click();
	}
	await expectStep(page, 'id');
	await expect(page.getByTestId('id-read')).toBeVisible();
	for (const side of ['id-front', 'id-back'] as const)
		await expect(page.getByTestId(`photo-${side}`)).toHaveAttribute('data-done', 'yes');
	return truth;
}
