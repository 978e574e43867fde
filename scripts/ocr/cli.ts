/**
 * `npm run ocr -- --json <image>...`: reads each image with the app's own OCR (the `/ocr-check`
 * page and its worker, in headless Chromium) and prints one JSON line per image:
 * `{"file","kind","fields":{…},"checks":[{"code","ok"}],"lines":[…],"ms"}` — kind, fields and
 * checks come from the shared domain rules (`src/lib/domain/read-card.ts`). Images are rectified card photos;
 * they are scaled to 856×540. `--det 960` sets the detection input's long side (default 480).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readCard } from '../../src/lib/domain/read-card.ts';
import { startHarness } from './harness.ts';

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: { json: { type: 'boolean', default: false }, det: { type: 'string' } }
});
if (positionals.length === 0) {
	console.error('usage: npm run ocr -- --json <image>...');
	process.exit(2);
}
const h = await startHarness({ detMaxSide: values.det ? Number(values.det) : undefined });
try {
	for (const file of positionals) {
		const r = await h.ocr(resolve(file));
		const reading = readCard(r.lines, new Date());
		const out = {
			file,
			kind: reading.kind,
			fields: reading.fields,
			checks: reading.checks.map(({ code, ok }) => ({ code, ok })),
			lines: r.lines,
			ms: Math.round(r.ms)
		};
		if (values.json) console.log(JSON.stringify(out));
		else {
			console.log(`${file} (${out.kind}, ${out.ms} ms)`);
			for (const [k, v] of Object.entries(out.fields)) console.log(`  ${k}: ${v}`);
			for (const c of reading.checks)
				if (!c.ok) console.log(`  ✗ ${c.code}: ${c.message.zh} / ${c.message.en}`);
		}
	}
} finally {
	await h.close();
}
