/**
 * The CJK font of the application form: Noto Sans SC Regular (SIL OFL 1.1) from the npm package
 * `@expo-google-fonts/noto-sans-sc`, a single static TrueType file that pdf-lib + fontkit embed as
 * a subset (only the glyphs a form uses, ≈ 10–40 KB per PDF). Read once per process.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Path of the TTF inside the installed package. */
export const FORM_FONT_FILE =
	require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');

let cached: Promise<Uint8Array> | undefined;
export function formFontBytes(): Promise<Uint8Array> {
	cached ??= readFile(FORM_FONT_FILE).then(
		(b) => new Uint8Array(b),
		(err: unknown) => {
			cached = undefined;
			throw err;
		}
	);
	return cached;
}
