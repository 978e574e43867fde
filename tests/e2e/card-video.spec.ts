import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CardTruth } from '../fixtures/cards/generate.ts';
import { ID_CARD_DIR, ID_CARD_Y4M, launchOptions } from './browser.ts';

// The app's default language (zh-CN); the browser here would otherwise ask for English.
test.use({ locale: 'zh-CN' });

// The fake camera shows a generated ID card entering the frame and settling.
test.use({ launchOptions: launchOptions(ID_CARD_Y4M) });

test('the ID card in the camera is auto-captured and its fields are shown', async ({ page }) => {
	test.setTimeout(120_000);
	const json = readdirSync(ID_CARD_DIR).find((f) => f.endsWith('.json'));
	const truth = JSON.parse(readFileSync(join(ID_CARD_DIR, json ?? ''), 'utf8')) as CardTruth;

	await page.goto('/capture/id-front');
	const fields = page.getByTestId('fields');
	await expect(fields).toBeVisible({ timeout: 90_000 });
	await expect(fields.locator('[data-field="idNumber"]')).toHaveText(truth.identity.idNumber);
	await expect(fields.locator('[data-field="name"]')).toHaveText(truth.identity.name);
	await expect(page.getByRole('button', { name: '使用此照片' })).toBeVisible();
});
