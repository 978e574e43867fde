/**
 * `npm run icons`: writes the PWA's PNG icons (192, 512, maskable 512, Apple touch 180) from
 * `static/icons/icon.svg` with Debian's Chromium. The PNGs are committed; `tests/e2e/icons.spec.ts`
 * re-renders them and fails when they no longer match the SVG (run this after editing the logo).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { setupSystem } from '../setup-system.ts';
import { ICON_DIR, ICONS, SOURCE_SVG } from './icons.ts';
import { renderIcon } from './render.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const CHROMIUM = process.env.KAIHU_CHROMIUM ?? '/usr/bin/chromium';

setupSystem();
const svg = readFileSync(join(ROOT, SOURCE_SVG), 'utf8');
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
try {
	for (const spec of ICONS) {
		const png = await renderIcon(browser, svg, spec);
		writeFileSync(join(ROOT, ICON_DIR, spec.file), png);
		console.log(`${spec.file}: ${spec.size}×${spec.size} ${spec.kind}, ${png.length} bytes`);
	}
} finally {
	await browser.close();
}
