/**
 * After `vite build`: precompress the app's own JS/CSS/HTML (brotli 11; small files). The large
 * runtime assets under models/ and wasm/ were compressed once by the model pipeline.
 */
import { join } from 'node:path';
import { compressFile, compressTree } from './compress.ts';

const build = join(import.meta.dirname, '..', 'build');
const results = [
	...(await compressTree(join(build, '_app'))),
	await compressFile(join(build, 'index.html'), 11)
];
const raw = results.reduce((n, r) => n + r.bytes, 0);
const brotli = results.reduce((n, r) => n + (r.br ?? r.bytes), 0);
console.log(
	`compress: ${results.length} app files, ${(raw / 1024).toFixed(0)} kB → ${(brotli / 1024).toFixed(0)} kB brotli`
);
