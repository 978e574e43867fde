/**
 * Lighthouse 11 (the last major with the PWA category; pinned in package.json) on Debian's
 * Chromium: the app must be installable (Lighthouse's `installable-manifest` audit passes), with a
 * maskable icon, a splash screen (a 512 px PNG icon) and a themed address bar. Only the PWA
 * category runs, to keep the cost small; the numbers are printed.
 */
import { expect, test } from '@playwright/test';
import { chromium } from 'playwright-core';
import lighthouse from 'lighthouse';
import { launchOptions } from './browser.ts';
import { freePort } from './own-server.ts';

test('Lighthouse: the PWA is installable, with a maskable icon and a splash screen', async ({
	baseURL
}) => {
	test.setTimeout(120_000);
	const port = await freePort();
	const base = launchOptions();
	const browser = await chromium.launch({
		...base,
		args: [...base.args, `--remote-debugging-port=${port}`]
	});
	try {
		const result = await lighthouse(`${baseURL}/`, {
			port,
			output: 'json',
			logLevel: 'error',
			onlyCategories: ['pwa']
		});
		if (!result) throw new Error('Lighthouse returned nothing');
		const { audits, categories } = result.lhr;
		const installable = audits['installable-manifest'];
		const failed = Object.values(audits)
			.filter((a) => a.score !== null && a.score < 1)
			.map((a) => a.id);
		console.log(
			`lighthouse ${result.lhr.lighthouseVersion}: PWA ${Math.round((categories.pwa?.score ?? 0) * 100)}, installable ${installable?.score}, below full score: ${failed.join(', ') || 'none'}`
		);
		expect(installable?.details, 'installability errors').toBeDefined();
		expect(installable?.score, JSON.stringify(installable?.details)).toBe(1);
		for (const id of ['maskable-icon', 'splash-screen', 'themed-omnibox']) {
			const audit = audits[id];
			expect(audit, `Lighthouse ${result.lhr.lighthouseVersion} has the ${id} audit`).toBeDefined();
			expect(audit?.score, `${id}: ${JSON.stringify(audit?.details ?? audit?.explanation)}`).toBe(
				1
			);
		}
	} finally {
		await browser.close();
	}
});
