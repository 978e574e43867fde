/**
 * The tesseract.js baseline for the benchmark: `chi_sim` traineddata from the pinned npm package
 * `@tesseract.js-data/chi_sim` (read from disk, never downloaded), run in Node worker threads.
 */
import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createWorker, type Worker } from 'tesseract.js';

const require = createRequire(import.meta.url);

/** Directory holding `chi_sim.traineddata.gz` (the LSTM "best_int" model). */
export function chiSimDir(): string {
	return join(
		dirname(require.resolve('@tesseract.js-data/chi_sim/package.json')),
		'4.0.0_best_int'
	);
}

export async function startTesseract(): Promise<Worker> {
	return createWorker('chi_sim', 1, {
		langPath: chiSimDir(),
		cachePath: mkdtempSync(join(tmpdir(), 'kaihu-tess-')),
		gzip: true,
		logger: () => undefined,
		errorHandler: () => undefined
	});
}

/** Recognises one image; returns its non-empty lines and the time taken. */
export async function tesseractLines(
	worker: Worker,
	file: string
): Promise<{ lines: string[]; ms: number }> {
	const t0 = performance.now();
	const { data } = await worker.recognize(file);
	const lines = data.text
		.split('\n')
		.map((l) => l.trim())
		.filter(Boolean);
	return { lines, ms: performance.now() - t0 };
}
