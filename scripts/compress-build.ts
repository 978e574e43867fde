/**
 * After `vite build`: precompress the app's own JS/CSS/HTML (brotli 11; small files). The large
 * runtime assets under models/ and wasm/ were compressed once by the model pipeline.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compressFile, compressTree } from './compress.ts';

const build = join(import.meta.dirname, '..', 'build');
// WASM is self-hosted under /wasm/ by the model pipeline; a bundled copy (e.g. onnxruntime-web's
// default build referencing its 14 MB binary) would be dead weight in every deploy.
const bundledWasm = readdirSync(join(build, '_app'), { recursive: true, encoding: 'utf8' }).filter(
	(f) => f.endsWith('.wasm')
);
if (bundledWasm.length) {
	console.error(`build: unexpected wasm under _app/: ${bundledWasm.join(', ')}`);
	process.exit(1);
}
const results = [
	...(await compressTree(join(build, '_app'))),
	await compressFile(join(build, 'index.html'), 11)
];
const raw = results.reduce((n, r) => n + r.bytes, 0);
const brotli = results.reduce((n, r) => n + (r.br ?? r.bytes), 0);
console.log(
	`compress: ${results.length} app files, ${(raw / 1024).toFixed(0)} kB → ${(brotli / 1024).toFixed(0)} kB brotli`
);
