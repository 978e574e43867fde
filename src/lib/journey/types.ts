/**
 * What the customer wizard keeps about one application on the device (sealed in the `applications`
 * table by `persist.ts`). The current step is derived from it (`steps.ts`), never stored on its own,
 * so a reload or a return days later lands on the first unfinished step.
 */
import type { KycAnswers } from '$lib/domain/kyc.ts';
import type { StepId } from './steps.ts';

/** How identity is confirmed: face (liveness + face match) or the non-face route (manual review). */
export type FaceConsent = 'given' | 'declined';

/** How the customer wants the witness step done (the call itself happens after submission). */
export type WitnessMode = 'video' | 'robot' | 'branch';

export interface IdFields {
	name: string;
	idNumber: string;
	validFrom: string;
	/** `null` for 长期 (long-term). */
	validTo: string | null;
	address: string;
}

/** What the liveness step hands back (written by the liveness page through `handoff.svelte.ts`). */
export interface LivenessOutcome {
	/** `passed`: liveness + face match done on the device; `manual`: a person will check instead. */
	status: 'passed' | 'manual';
	nonce?: string | undefined;
	score?: number | undefined;
	/** Base64 JPEG/PNG frames for the server to recompute the face score. */
	livePhoto?: string | undefined;
	idPortrait?: string | undefined;
}

/** The application on the server: created once, the capability token kept sealed on the device. */
export interface ServerApplication {
	id: string;
	token: string;
	expiresAt: string;
}

export type SubmissionState = 'queued' | 'sent' | 'needs_action';

export interface SubmissionRecord {
	/** Generated once per signed form: a retry after a lost answer replays, never submits twice. */
	idempotencyKey: string;
	state: SubmissionState;
	/** What the server answered (state, registry code, reason) once sent. */
	result?: { state: string; registry?: string; reason?: string } | undefined;
	/** Bilingual reason shown when the server refused the submission. */
	problem?: { zh: string; en: string; paths: string[]; step?: StepId | undefined } | undefined;
}

export interface JourneyData {
	startedAt: number;
	consent?: { terms: boolean; at: number } | undefined;
	faceConsent?: FaceConsent | undefined;
	basic?: { phone: string } | undefined;
	id?: (IdFields & { photographed: boolean }) | undefined;
	liveness?: LivenessOutcome | undefined;
	/** The registry check runs on the server at submission; the customer confirmed the data to check. */
	registry?: { confirmedAt: number } | undefined;
	bankCard?: { number: string } | undefined;
	kyc?: KycAnswers | undefined;
	witness?: { mode: WitnessMode } | undefined;
	signature?: { png: string; at: number } | undefined;
	server?: ServerApplication | undefined;
	submission?: SubmissionRecord | undefined;
}
