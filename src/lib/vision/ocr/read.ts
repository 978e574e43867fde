/**
 * Capture → fields, as the user experiences it: a rectified card (856×540 pixels already in hand)
 * goes to the warm OCR worker, and its lines through the shared domain rules. The capture screen
 * and the benchmark page both call this, so the benchmark times exactly what the user waits for.
 */
import { readCard, type CardFields, type CardReading } from '../../domain/read-card.ts';
import type { OcrClient } from './client.ts';
import type { OcrLine, OcrTimings } from './protocol.ts';

/** A reading plus what produced it. `ms`: from handing the pixels over to having the fields. */
export interface TimedReading extends CardReading {
	lines: OcrLine[];
	timings: OcrTimings;
	ms: number;
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
	const { lines, timings } = await client.recognise(image, {
		signal: opts.signal,
		detMaxSide: opts.detMaxSide
	});
	const reading = readCard(lines, opts.now ?? new Date(), opts.front);
	return { ...reading, lines, timings, ms: performance.now() - t0 };
}
