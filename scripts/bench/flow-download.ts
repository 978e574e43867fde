/**
 * `npm run bench:download`: what the whole client flow downloads from the model manifest (card
 * step + face step; the ONNX runtime once), per asset as the server sends it to a browser that
 * accepts brotli: the `.br` variant the model pipeline wrote next to the file, else the file
 * itself. The target (#15) is ≤ 10 MiB. Run after `npm run models` (or install).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const REPO = resolve(import.meta.dirname, '../..');
/** The manifest id prefixes the flow's steps need (`src/lib/journey/downloads.ts`). */
const FLOW = ['ort-', 'ocr-', 'mediapipe-', 'face-'];
const TARGET_MIB = 10;

const manifest = JSON.parse(readFileSync(join(REPO, 'static/models/manifest.json'), 'utf8')) as {
	assets: { id: string; path: string; bytes: number }[];
};
const mib = (n: number) => (n / 2 ** 20).toFixed(3);
let raw = 0;
let wire = 0;
for (const a of manifest.assets.filter((x) => FLOW.some((p) => x.id.startsWith(p)))) {
	const br = join(REPO, 'static', `${a.path}.br`);
	const sent = existsSync(br) ? statSync(br).size : a.bytes;
	raw += a.bytes;
	wire += sent;
	console.log(`${a.id.padEnd(32)} ${mib(a.bytes).padStart(7)} MiB raw ${mib(sent).padStart(7)} MiB sent${existsSync(br) ? ' (br)' : ''}`); // prettier-ignore
}
console.log(
	`flow total: ${mib(raw)} MiB raw, ${mib(wire)} MiB sent with brotli (target ≤ ${TARGET_MIB} MiB)`
);
