/**
 * Messages between the OCR worker (`ocr.worker.ts`) and its client (`client.ts`).
 * Requests carry an `id` (added by `WorkerClient`); replies are `{ id, result } | { id, error }`.
 */
import type { OrtBackendInfo } from '../runtime/ort.ts';

/** One recognised text line; box in rectified-card pixels (card rectified to 856×540). */
export interface OcrLine {
	text: string;
	box: [x: number, y: number, w: number, h: number];
	score: number;
}

/** Where the time went for one image, in milliseconds. */
export interface OcrTimings {
	/** Waiting for sessions (non-zero only when `warmup` had not finished). */
	load: number;
	det: number;
	rec: number;
	total: number;
	/** Number of recognised strips (lines sent to the recogniser). */
	strips: number;
}

/** Creates the sessions now so cold start overlaps with the user reading instructions. */
export type OcrWarmupMessage = { type: 'warmup' };
/** Recognises the text of a rectified card image (transferred `ImageBitmap`s are closed). */
export type OcrRecogniseMessage = {
	type: 'recognise';
	image: ImageBitmap | ImageData;
	/** Long side of the detection input (multiple of 32); the pipeline's default when omitted. */
	detMaxSide?: number;
};
export type OcrMessage = OcrWarmupMessage | OcrRecogniseMessage;

export interface OcrWarmupResult {
	type: 'warm';
	backend: OrtBackendInfo;
	/** Time to fetch the models and create both sessions (0 when already warm). */
	ms: number;
}
export interface OcrLinesResult {
	type: 'lines';
	lines: OcrLine[];
	timings: OcrTimings;
}
export type OcrResult = OcrWarmupResult | OcrLinesResult;
