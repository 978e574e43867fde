import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { ICON_DIR, ICONS, logoBackground, SAFE_ZONE_RADIUS, SOURCE_SVG } from './icons.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const svg = readFileSync(join(ROOT, SOURCE_SVG), 'utf8');
const png = (file: string) => PNG.sync.read(readFileSync(join(ROOT, ICON_DIR, file)));
const manifest = JSON.parse(readFileSync(join(ROOT, 'static', 'manifest.webmanifest'), 'utf8')) as {
	icons: { src: string; sizes: string; type: string; purpose: string }[];
};

function rgba(img: PNG, x: number, y: number): number[] {
	const i = (y * img.width + x) * 4;
	return [...img.data.subarray(i, i + 4)];
}

const hex = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));

describe('PWA icons', () => {
	it('the manifest lists each PNG with its real size and purpose', () => {
		for (const spec of ICONS.filter((s) => s.kind !== 'apple')) {
			const entry = manifest.icons.find((i) => i.src === `/icons/${spec.file}`);
			expect(entry, spec.file).toMatchObject({
				sizes: `${spec.size}x${spec.size}`,
				type: 'image/png',
				purpose: spec.kind
			});
		}
		for (const spec of ICONS) {
			const img = png(spec.file);
			expect([img.width, img.height], spec.file).toEqual([spec.size, spec.size]);
		}
	});

	it('the "any" icons keep the rounded corners; full-bleed ones are opaque to the edge', () => {
		for (const spec of ICONS) {
			const img = png(spec.file);
			const corner = rgba(img, 0, 0)[3];
			const centre = rgba(img, spec.size >> 1, spec.size >> 1)[3];
			expect(centre, spec.file).toBe(255);
			expect(corner, spec.file).toBe(spec.kind === 'any' ? 0 : 255);
		}
	});

	it('the maskable icon draws nothing but background outside the safe zone', () => {
		const bg = hex(logoBackground(svg));
		for (const spec of ICONS.filter((s) => s.kind === 'maskable')) {
			const img = png(spec.file);
			const c = spec.size / 2;
			const r = SAFE_ZONE_RADIUS * spec.size;
			let outside = 0;
			let logoPixels = 0;
			for (let y = 0; y < spec.size; y++)
				for (let x = 0; x < spec.size; x++) {
					const [R = 0, G = 0, B = 0] = rgba(img, x, y);
					const isBg = Math.max(Math.abs(R - bg[0]!), Math.abs(G - bg[1]!), Math.abs(B - bg[2]!)) <= 2; // prettier-ignore
					if (Math.hypot(x + 0.5 - c, y + 0.5 - c) > r) outside += isBg ? 0 : 1;
					else logoPixels += isBg ? 0 : 1;
				}
			expect(outside, `${spec.file}: logo pixels outside the safe zone`).toBe(0);
			expect(logoPixels, `${spec.file}: the logo is drawn`).toBeGreaterThan(spec.size * 10);
		}
	});
});
