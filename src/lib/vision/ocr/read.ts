/**
 * Capture → fields, as the user experiences it: a rectified card (856×540 pixels already in hand)
 * goes to the warm OCR worker, and its lines through the shared domain rules. The capture screen
 * and the benchmark page both call this, so the benchmark times exactly what the user waits for.
 */
import { readCard, type CardFields, type CardReading } from '../../domain/read-card.ts';
import { readingComplete, readingStrength, rotate180 } from '../card/orientation.ts';
import type { OcrClient } from './client.ts';
import type { OcrLine, OcrTimings } from './protocol.ts';

/** A reading plus what produced it. `ms`: from handing the pixels over to having the fields. */
export interface TimedReading extends CardReading {
	lines: OcrLine[];
	timings: OcrTimings;
	ms: number;
	/** 180 when the card was read turned over (it lay upside down in the rectified image). */
	turned: 0 | 180;
}

/**
 * Reads a rectified card. `now` decides expiry checks (explicit for reproducible readings);
 * `front` is the photo side's reading when the emblem side follows it (see `readCard`).
 */
export async function readRectifiedCard(
	client: OcrClient,
	image: ImageData,
	opts: { now?: Date; detMaxSide?: number; signal?: AbortSignal; front?: CardFields } = {}
): Promise<TimedReading> {
	const t0 = performance.now();
	const now = opts.now ?? new Date();
	const read = async (pixels: ImageData) => {
		const { lines, timings } = await client.recognise(pixels, {
			signal: opts.signal,
			detMaxSide: opts.detMaxSide
		});
		return { ...readCard(lines, now, opts.front), lines, timings };
	};
	const first = await read(image);
	if (readingComplete(first)) return { ...first, turned: 0, ms: performance.now() - t0 };
	// Not a complete reading: the card may lie upside down (see ../card/orientation.ts).
	const turned = await read(
		new ImageData(rotate180(image), image.width, image.height, { colorSpace: image.colorSpace })
	);
	const best = readingStrength(turned) > readingStrength(first) ? turned : first;
	const timings: OcrTimings = {
		load: first.timings.load + turned.timings.load,
		det: first.timings.det + turned.timings.det,
		rec: first.timings.rec + turned.timings.rec,
		total: first.timings.total + turned.timings.total,
		strips: first.timings.strips + turned.timings.strips
	};
	return { ...best, timings, turned: best === turned ? 180 : 0, ms: performance.now() - t0 };
}
