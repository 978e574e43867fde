import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { GENERATED, generateCards, type CardTruth } from '../fixtures/cards/generate.ts';

// The app's default language (zh-CN); the browser here would otherwise ask for English.
test.use({ locale: 'zh-CN' });

/**
 * The app's OCR worker reads generated, phone-degraded cards (perspective, noise, JPEG, clutter,
 * rectified back to 856×540) on the `/ocr-check` diagnostics page.
 */
const dir = join(GENERATED, 'cards', 'e2e');
let front: CardTruth;
let back: CardTruth;

test.beforeAll(async () => {
	test.setTimeout(120_000);
	const truths = await generateCards({
		perKind: 1,
		seed: 3,
		severity: 'phone',
		outDir: dir,
		kinds: ['id-front', 'id-back']
	});
	[front, back] = truths as [CardTruth, CardTruth];
});

test('reads the name and ID number off the photo side and the authority off the emblem side', async ({
	page
}) => {
	test.setTimeout(90_000);
	await page.goto('/ocr-check');
	await expect(page.getByRole('heading', { level: 1 })).toContainText('文字识别检测');
	await expect(page.getByTestId('ocr-warm')).toHaveAttribute('data-ready', 'yes', {
		timeout: 40_000
	});
	const lines = page.getByTestId('ocr-lines').locator('.text');

	await page.getByTestId('ocr-file').setInputFiles(join(dir, front.file));
	await expect(lines.filter({ hasText: front.identity.idNumber })).toHaveCount(1, {
		timeout: 30_000
	});
	await expect(lines.filter({ hasText: new RegExp(`^${front.identity.name}$`) })).toHaveCount(1);
	await expect(lines.filter({ hasText: '公民身份号码' })).toHaveCount(1);
	await expect(page.getByTestId('ocr-timing')).toContainText('ms');

	await page.getByTestId('ocr-file').setInputFiles(join(dir, back.file));
	await expect(lines.filter({ hasText: back.identity.authority })).toHaveCount(1, {
		timeout: 30_000
	});
	const json = JSON.parse((await page.getByTestId('ocr-json').textContent()) ?? '{}') as {
		kind?: string;
	};
	expect(json.kind).toBe('id-back');
});
