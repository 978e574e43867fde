/**
 * The fontkit that `buildFormPdf` registers with pdf-lib: the form font parsed once per process,
 * and the font work that is the same on every form done once (issue #16, profiled with
 * `scripts/bench/reliability/profile-drain.ts`):
 *
 * - text layouts (OpenType shaping, a third of a form's CPU when every call shapes anew) are
 *   memoised for the form's fixed labels and for single characters (what `wrap` measures);
 * - layouts skip glyph positioning (GPOS: kerning, marks): pdf-lib reads only the glyphs of a
 *   layout (ids, advance widths), never its positions, and positioning substitutes no glyph;
 * - a glyph's outline record, which the subset copies into every form that uses the glyph, is
 *   decoded once per glyph instead of once per form.
 *
 * Each is a pure function of the font and its input, so the PDF's bytes do not change. Only
 * fixed strings and single characters are kept: a customer's name or address is shaped per form
 * and never held in a cache after the form is done.
 */
import fontkit from '@pdf-lib/fontkit';

type Font = ReturnType<typeof fontkit.create>;
type Layout = Font['layout'];

/** Distinct texts kept at most (single characters and fixed labels: a few thousand at most). */
const MAX_LAYOUTS = 20_000;

/** The positioning features (GPOS, and `kern` for the kern table): they move glyphs, never swap them. */
const NO_POSITIONING = { kern: false, mark: false, mkmk: false, curs: false, dist: false };

/**
 * Memoises `font.layout` for `fixed` texts and single characters and drops positioning from every
 * layout. pdf-lib calls `layout(text, features)` with the embedding's features, which the form
 * leaves unset; any other call shapes as asked.
 */
function memoiseLayout(font: Font, fixed: ReadonlySet<string>): Font {
	const layout = font.layout.bind(font) as (...a: unknown[]) => ReturnType<Layout>;
	const cache = new Map<string, ReturnType<Layout>>();
	const memoised = ((text: string | unknown[], ...rest: unknown[]) => {
		if (typeof text !== 'string' || rest.some((a) => a !== undefined)) return layout(text, ...rest);
		if (!fixed.has(text) && !isOneChar(text)) return layout(text, NO_POSITIONING);
		let run = cache.get(text);
		if (!run) {
			run = layout(text, NO_POSITIONING);
			if (cache.size >= MAX_LAYOUTS) cache.clear();
			cache.set(text, run);
		}
		return run;
	}) as Layout;
	// pdf-lib only reads a layout's glyphs (ids, widths, code points), so sharing one is safe.
	font.layout = memoised;
	return font;
}

interface DecodableGlyph {
	_decode?: () => unknown;
}

/**
 * Memoises each glyph's `_decode` (its `glyf` record: header, points or components), which
 * fontkit's TrueType subset calls for every glyph it copies, on every form. The record is only
 * read (for composite glyphs, their components' ids; the font has no variations to apply).
 */
function memoiseGlyphRecords(font: Font): Font {
	const getGlyph = font.getGlyph.bind(font);
	const done = new WeakSet<object>();
	font.getGlyph = ((...args: Parameters<Font['getGlyph']>) => {
		const glyph = getGlyph(...args) as (ReturnType<Font['getGlyph']> & DecodableGlyph) | null;
		if (glyph && !done.has(glyph) && typeof glyph._decode === 'function') {
			done.add(glyph);
			const decode = glyph._decode.bind(glyph);
			let record: { value: unknown } | undefined;
			glyph._decode = () => (record ??= { value: decode() }).value;
		}
		return glyph;
	}) as Font['getGlyph'];
	return font;
}

function isOneChar(text: string): boolean {
	return text.length === 1 || (text.length === 2 && text.codePointAt(0)! > 0xffff);
}

/**
 * A fontkit whose `create(bytes)` parses `bytes` once (fontkit takes about a second for the 10 MB
 * CJK font) and returns that font with memoised layouts for `fixed` texts. A parsed font is
 * read-only for pdf-lib (each embedding makes its own subset), so one font serves every form.
 */
export function cachingFontkit(fixed: ReadonlySet<string>): typeof fontkit {
	let parsed: { bytes: Uint8Array; font: Font } | undefined;
	return {
		...fontkit,
		create(bytes: Uint8Array, postscriptName?: string) {
			if (postscriptName) return fontkit.create(bytes, postscriptName);
			if (parsed?.bytes !== bytes)
				parsed = { bytes, font: memoiseGlyphRecords(memoiseLayout(fontkit.create(bytes), fixed)) };
			return parsed.font;
		}
	};
}
