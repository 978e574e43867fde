/**
 * The PWA's raster icons, all drawn from the one source logo `static/icons/icon.svg`:
 * `any` icons keep the logo's rounded corners (transparent outside them); the maskable icon and
 * the Apple touch icon are full-bleed (the logo's background colour fills the square, and the
 * platform applies its own mask), with the whole logo content inside the maskable safe zone.
 */

/** Where the source logo and the PNGs live, relative to the repository root. */
export const ICON_DIR = 'static/icons';
export const SOURCE_SVG = `${ICON_DIR}/icon.svg`;

export interface IconSpec {
	/** File name in {@link ICON_DIR}. */
	file: string;
	size: number;
	/** `any`: logo as drawn; `maskable` / `apple`: full-bleed square in the background colour. */
	kind: 'any' | 'maskable' | 'apple';
}

export const ICONS: readonly IconSpec[] = [
	{ file: 'icon-192.png', size: 192, kind: 'any' },
	{ file: 'icon-512.png', size: 512, kind: 'any' },
	{ file: 'icon-maskable-512.png', size: 512, kind: 'maskable' },
	{ file: 'apple-touch-icon.png', size: 180, kind: 'apple' }
];

/**
 * The maskable safe zone: a centred circle of this fraction of the icon size as radius
 * (the W3C manifest spec's "minimum safe zone", 40 %). Launchers may crop everything outside it.
 */
export const SAFE_ZONE_RADIUS = 0.4;

/** The logo's background colour: the fill of the SVG's first shape. */
export function logoBackground(svg: string): string {
	const fill = /<rect[^>]*\bfill="(#[0-9a-fA-F]{6})"/.exec(svg)?.[1];
	if (!fill) throw new Error('icon.svg: no background rect with a #rrggbb fill');
	return fill;
}

/**
 * An HTML page that draws one icon at `spec.size` CSS pixels (screenshot at device scale 1).
 * The logo is an `<img>` of the SVG, so Chromium rasterises it exactly as a browser shows it.
 */
export function iconPage(svg: string, spec: IconSpec): string {
	const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
	const bg = spec.kind === 'any' ? 'transparent' : logoBackground(svg);
	return `<!doctype html><html><head><style>
html,body{margin:0;background:transparent}
#icon{width:${spec.size}px;height:${spec.size}px;background:${bg}}
#icon img{display:block;width:100%;height:100%}
</style></head><body><div id="icon"><img src="${src}" alt=""></div></body></html>`;
}
