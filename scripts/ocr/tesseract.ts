/**
 * The tesseract.js baseline for the benchmark: `chi_sim` traineddata from the pinned npm package
 * `@tesseract.js-data/chi_sim` (read from disk, never downloaded), run in Node worker threads.
 */
import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createWorker, type Worker } from 'tesseract.js';
import type { OcrLine } from '../../src/lib/domain/card-layout.ts';

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

/**
 * Recognises one rectified card image (856×540); returns its non-empty lines with their boxes
 * (so the same domain parser can read them) and the time taken.
 */
export async function tesseractLines(
	worker: Worker,
	file: string
): Promise<{ lines: OcrLine[]; ms: number }> {
	const t0 = performance.now();
	const { data } = await worker.recognize(file, {}, { text: true, blocks: true });
	const lines: OcrLine[] = [];
	for (const block of data.blocks ?? [])
		for (const para of block.paragraphs)
			for (const l of para.lines) {
				const text = l.text.trim();
				if (!text) continue;
				const { x0, y0, x1, y1 } = l.bbox;
				lines.push({ text, box: [x0, y0, x1 - x0, y1 - y0], score: l.confidence / 100 });
			}
	return { lines, ms: performance.now() - t0 };
}
