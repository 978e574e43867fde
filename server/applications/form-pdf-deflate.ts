/**
 * pdf-lib compresses each stream of a form (the font subset, the page's text, the signature)
 * with pako, zlib written in JavaScript: a fifth to a quarter of a form's CPU in the renderer's
 * profile (`scripts/bench/reliability/profile-drain.ts`, issue #16). Node's own zlib writes the
 * same format (RFC 1950, default level) several times faster, so pdf-lib's calls to
 * `pako.deflate` are sent there. pdf-lib reads `pako.deflate` from the shared module object at
 * each call (`PDFContext.flateStream`, `PDFFlateStream`), which is what this replaces; a call
 * with options (pdf-lib makes none) still goes to pako.
 *
 * The bytes differ from pako's but are still a function of the input on one Node build (the
 * stored sha256 identifies the stored file; nothing re-renders a form to compare).
 */
import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';

type Deflate = (input: Uint8Array, options?: unknown) => Uint8Array;

const require = createRequire(import.meta.url);
// The module instance pdf-lib itself requires (one `pako` in node_modules).
const pako = require(require.resolve('pako', { paths: [require.resolve('pdf-lib')] })) as {
	deflate: Deflate;
};

let installed = false;

/** Routes pdf-lib's deflate to `node:zlib` (idempotent). */
export function useNativeDeflate(): void {
	if (installed) return;
	installed = true;
	const js = pako.deflate;
	pako.deflate = (input, options) => {
		if (options !== undefined) return js(input, options);
		const out = deflateSync(input);
		return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
	};
}
