/**
 * Renders the icons of {@link ICONS} with Debian's Chromium (playwright-core, no download): the
 * same renderer for `npm run icons` (which writes the PNGs) and for the test that checks the
 * committed PNGs still match the SVG.
 */
import type { Browser } from 'playwright-core';
import { iconPage, type IconSpec } from './icons.ts';

/** One icon as PNG bytes. */
export async function renderIcon(browser: Browser, svg: string, spec: IconSpec): Promise<Buffer> {
	const page = await browser.newPage({
		viewport: { width: spec.size, height: spec.size },
		deviceScaleFactor: 1
	});
	try {
		await page.setContent(iconPage(svg, spec));
		// A string: this file is type-checked for Node (no DOM types); the page decodes the logo.
		await page.evaluate("document.querySelector('#icon img').decode()");
		return await page.locator('#icon').screenshot({ omitBackground: true, type: 'png' });
	} finally {
		await page.close();
	}
}
