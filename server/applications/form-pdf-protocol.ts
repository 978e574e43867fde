/**
 * Messages between the API thread and the form PDF worker (`form-pdf.worker.ts`), imported by both
 * sides. Each request has an `id`; the worker answers it exactly once, with the PDF or with a
 * typed error (it never lets an exception vanish).
 */
import type { RiskRating } from '../../src/lib/domain/kyc.ts';
import type { FormFields } from './form-pdf.ts';

export interface RenderRequest {
	id: number;
	applicationId: string;
	fields: FormFields;
	signaturePng: Uint8Array;
	risk: RiskRating;
	/** ISO time (a `Date` would arrive as a `Date` too, but the text keeps the protocol plain). */
	signedAt: string;
}

/**
 * `render_failed`: pdf-lib refused the input (the same input fails again); `worker_lost`: the
 * worker died or could not start (another attempt may succeed).
 */
export type RenderErrorCode = 'render_failed' | 'worker_lost';

export type RenderReply =
	| { id: number; bytes: Uint8Array; sha256: string }
	| { id: number; error: { code: RenderErrorCode; message: string } };
