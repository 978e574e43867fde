/** Request and response shapes of the liveness routes (zod; also the OpenAPI document). */
import { z } from 'zod';
import { LIVENESS_ACTIONS, LIVENESS_FAILURES } from '../../src/lib/vision/liveness/types.ts';

/** Evidence limits, decoded bytes. Both fit the 1 MB JSON body limit together (base64 ≈ 4/3). */
export const MAX_FRAME_BYTES = 192 * 1024;
export const MAX_CLIP_BYTES = 512 * 1024;
/** The read-digits recording: 16-bit PCM, at most 4 s at 16 kHz, plus the WAV header. */
export const MAX_VOICE_BYTES = 4 * 16000 * 2 + 44;
/** Failed attempts after which the application goes to manual review. */
export const MAX_FAILED_ATTEMPTS = 3;
/** Challenges one application may be issued in all (passes included). */
export const MAX_CHALLENGES = 10;

const b64 = (maxBytes: number) =>
	z
		.string()
		.max(Math.ceil(maxBytes / 3) * 4)
		.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');

export const challengeRequest = z.object({
	/** Large-text mode gives each step more time. */
	largeText: z.boolean().optional()
});

export const challengeResponse = z.object({
	nonce: z.string(),
	steps: z.array(z.object({ action: z.enum(LIVENESS_ACTIONS), digits: z.string().optional() })),
	stepTimeoutMs: z.number(),
	/** Per step, ms from the step's start to its prompt (derived from the nonce). */
	promptDelaysMs: z.array(z.number()),
	/** The asked action must start within this long after its prompt (ms). */
	startWindowMs: z.number(),
	issuedAt: z.string(),
	expiresAt: z.string(),
	failures: z.number(),
	maxFailures: z.number()
});

const stepResult = z.object({
	action: z.enum(LIVENESS_ACTIONS),
	passed: z.boolean(),
	startedAt: z.number().finite(),
	promptedAt: z.number().finite().optional(),
	actionAt: z.number().finite().optional(),
	endedAt: z.number().finite(),
	score: z.number().min(0).max(1)
});

export const livenessResult = z.object({
	nonce: z.string().min(16).max(64),
	passed: z.boolean(),
	reason: z.enum(LIVENESS_FAILURES).optional(),
	steps: z.array(stepResult).max(LIVENESS_ACTIONS.length),
	ms: z.number().min(0).max(600_000)
});

export const attemptRequest = z.object({
	result: livenessResult,
	/** The best frontal frame, JPEG, base64 (required for a pass). */
	frameJpeg: b64(MAX_FRAME_BYTES).optional(),
	/** A short clip of the check, WebM (or MP4 from Safari), base64. */
	clip: b64(MAX_CLIP_BYTES).optional(),
	/**
	 * The read-digits step's recording (WAV, 16-bit mono PCM at the model rate: 8 kHz Mandarin,
	 * 16 kHz English), base64, and the language it is read in; required when that step passed.
	 * The server hears it itself; it is not stored.
	 */
	voice: z.object({ wav: b64(MAX_VOICE_BYTES), lang: z.enum(['zh', 'en']) }).optional()
});

export const livenessStatus = z.object({
	passed: z.boolean(),
	failures: z.number(),
	maxFailures: z.number(),
	/** Too many failures: the application will go to manual review on submission. */
	manualReview: z.boolean()
});

export const attemptResponse = livenessStatus.extend({
	outcome: z.enum(['passed', 'failed']),
	reason: z.enum(LIVENESS_FAILURES).optional()
});

export const staffAttempts = z.object({
	attempts: z.array(
		z.object({
			nonce: z.string(),
			steps: z.array(z.object({ action: z.string(), digits: z.string().optional() })),
			issuedAt: z.string(),
			answeredAt: z.string().nullable(),
			outcome: z.string().nullable(),
			reason: z.string().nullable(),
			result: livenessResult.nullable(),
			frame: z.boolean(),
			clip: z.boolean()
		})
	),
	status: livenessStatus
});
