import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { GENERATED, generateCards, type CardTruth } from '../fixtures/cards/generate.ts';

// The app's default language (zh-CN); the browser here would otherwise ask for English.
test.use({ locale: 'zh-CN' });

/**
 * The whole capture step on realistic cards: a phone-like photo (perspective, clutter, noise,
 * JPEG) is imported, the card found and rectified by the card worker, read by the OCR worker, and its
 * fields shown after the shared domain checks.
 */
const dir = join(GENERATED, 'cards', 'e2e-read');
let front: CardTruth;
const scene = (t: CardTruth) => join(dir, t.file.replace(/\.jpg$/, '.scene.jpg'));

test.beforeAll(async () => {
	test.setTimeout(120_000);
	const truths = await generateCards({
		perKind: 1,
		seed: 7,
		severity: 'phone',
		outDir: dir,
		kinds: ['id-front']
	});
	[front] = truths as [CardTruth];
});

test('an imported photo of the photo side shows its fields', async ({ page }) => {
	test.setTimeout(120_000);
	await page.goto('/capture/id-front');
	await page.getByTestId('import').setInputFiles(scene(front));
	const fields = page.getByTestId('fields');
	await expect(fields).toBeVisible({ timeout: 60_000 });
	await expect(fields.locator('[data-field="idNumber"]')).toHaveText(front.identity.idNumber);
	await expect(fields.locator('[data-field="name"]')).toHaveText(front.identity.name);
	await expect(page.getByRole('button', { name: '使用此照片' })).toBeVisible();
});

test('an ID card shown at the bank-card step is called out as the wrong card', async ({ page }) => {
	test.setTimeout(120_000);
	await page.goto('/capture/bank');
	await page.getByTestId('import').setInputFiles(scene(front));
	const problem = page.getByTestId('reading-problem');
	await expect(problem).toHaveAttribute('data-code', 'wrong_side', { timeout: 60_000 });
	await expect(problem).toContainText('这是身份证人像面，请拍摄银行卡');
	await expect(page.getByRole('button', { name: '使用此照片' })).toHaveCount(0);
	// The header's language switch turns the same advice into English.
	await page.getByRole('button', { name: 'English' }).click();
	await expect(problem).toContainText(
		'This is the ID card — photo side; please photograph the Bank card'
	);
	await expect(page.getByRole('button', { name: 'Use this photo' })).toHaveCount(0);
});
