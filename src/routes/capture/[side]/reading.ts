import type { CardFields, CardReading } from '$lib/domain/read-card.ts';
import type { Pixels } from '$lib/vision/card/protocol.ts';
import { OcrClient } from '$lib/vision/ocr/client.ts';
import { readRectifiedCard } from '$lib/vision/ocr/read.ts';

let client: OcrClient | undefined;

/** The OCR worker, shared by the capture steps and warmed up when the first one opens. */
export function ocrClient(): OcrClient {
	client ??= new OcrClient();
	return client;
}

/** The photo side's fields once read: the emblem side checks its validity and 签发机关 with them. */
let front: CardFields | undefined;

/**
 * Reads a rectified card with the OCR worker and the shared domain rules. `turned`: 180 when the
 * card lay upside down in `p` (the caller keeps the upright pixels, e.g. for the portrait crop).
 */
export async function readCapturedCard(
	p: Pixels
): Promise<CardReading & { ms: number; turned: 0 | 180 }> {
	const image = new ImageData(new Uint8ClampedArray(p.data), p.width, p.height);
	const { kind, fields, checks, ms, turned } = await readRectifiedCard(ocrClient(), image, {
		front
	});
	if (kind === 'id-front') front = fields;
	return { kind, fields, checks, ms, turned };
}
