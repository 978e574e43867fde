/**
 * The committed PNG icons are the SVG logo: each is re-rendered from `static/icons/icon.svg`
 * with the script's renderer (`npm run icons`) and compared pixel by pixel, so an edited logo
 * with stale PNGs fails here. The server serves them with the manifest.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { ICON_DIR, ICONS, SOURCE_SVG } from '../../scripts/icons/icons.ts';
import { renderIcon } from '../../scripts/icons/render.ts';
import { ROOT } from './own-server.ts';

/** Per-channel difference allowed for anti-aliasing differences between Chromium builds. */
const TOLERANCE = 24;

test('the PNG icons match the SVG logo and are served', async ({ browser, request }) => {
	const svg = readFileSync(join(ROOT, SOURCE_SVG), 'utf8');
	for (const spec of ICONS) {
		const committed = PNG.sync.read(readFileSync(join(ROOT, ICON_DIR, spec.file)));
		const fresh = PNG.sync.read(await renderIcon(browser, svg, spec));
		expect([fresh.width, fresh.height]).toEqual([committed.width, committed.height]);
		let off = 0;
		let maxDiff = 0;
		for (let i = 0; i < fresh.data.length; i++) {
			const d = Math.abs((fresh.data[i] ?? 0) - (committed.data[i] ?? 0));
			maxDiff = Math.max(maxDiff, d);
			if (d > TOLERANCE) off++;
		}
		console.log(`icon ${spec.file}: ${off} channel values off, max difference ${maxDiff}`);
		// A few edge pixels may differ across Chromium versions; a changed logo moves thousands.
		expect(off, `${spec.file} differs from ${SOURCE_SVG}: run npm run icons`).toBeLessThan(
			spec.size
		);

		const res = await request.get(`/icons/${spec.file}`);
		expect(res.status(), spec.file).toBe(200);
		expect(res.headers()['content-type']).toBe('image/png');
	}
});
