/**
 * Which way up is a rectified card? The card detector orders corners with the long edge on top
 * (`orderQuad`) but cannot tell the card's top from its bottom, so a card photographed upside
 * down, or held sideways one way, reaches the OCR turned 180°. The reading itself tells: an
 * upright card parses into its side's fields and passes their checks, a turned one reads as
 * noise. `readingStrength` scores a reading; the OCR entry (`readRectifiedCard`) reads the turned
 * image only when the first reading is not already complete. Pure; no opencv.
 */
import type { CardReading } from '../../domain/read-card.ts';

/** RGBA pixels, as ImageData holds them. */
export interface RgbaPixels {
	width: number;
	height: number;
	data: Uint8ClampedArray;
}

/** The image turned by 180° (a new buffer). */
export function rotate180(p: RgbaPixels): Uint8ClampedArray<ArrayBuffer> {
	const src = new Uint32Array(p.data.buffer, p.data.byteOffset, p.width * p.height);
	const out = new Uint32Array(src.length);
	for (let i = 0, j = src.length - 1; i < src.length; i++, j--) out[j] = src[i]!;
	return new Uint8ClampedArray(out.buffer);
}

/**
 * How convincingly a reading is a card read the right way up: a known side, then each field it
 * produced and each check it passed. Comparable between two readings of the same card.
 */
export function readingStrength(r: Pick<CardReading, 'kind' | 'fields' | 'checks'>): number {
	if (r.kind === 'unknown') return 0;
	const fields = Object.values(r.fields).filter((v) => v !== undefined && v !== '').length;
	const passed = r.checks.filter((c) => c.ok).length;
	return 1 + fields + passed;
}

/** Whether a reading needs no second look: a known side whose every check passes. */
export function readingComplete(r: Pick<CardReading, 'kind' | 'fields' | 'checks'>): boolean {
	return r.kind !== 'unknown' && r.checks.length > 0 && r.checks.every((c) => c.ok);
}
