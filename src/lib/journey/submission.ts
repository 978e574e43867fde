/** The request body the server's submit route takes, built from the stored journey. Pure. */
import { submissionSchema, type Submission } from '$lib/domain/application-schema.ts';
import type { SubmissionPhotos } from './photos.ts';
import type { StepId } from './steps.ts';
import type { JourneyData } from './types.ts';

export type BuildResult = { ok: true; body: Submission } | { ok: false; step: StepId };

/**
 * Assembles the submission; when something is missing or malformed, names the step to fix.
 * @example buildSubmission({ startedAt: 0 }) // { ok: false, step: 'basic' }
 */
export function buildSubmission(d: JourneyData, photos: SubmissionPhotos = {}): BuildResult {
	if (!d.basic) return { ok: false, step: 'basic' };
	if (!d.id) return { ok: false, step: 'id' };
	if (!d.bankCard) return { ok: false, step: 'bank' };
	if (!d.kyc) return { ok: false, step: 'kyc' };
	if (!d.signature) return { ok: false, step: 'sign' };
	const live = d.liveness?.status === 'passed' ? d.liveness : undefined;
	const candidate = {
		applicant: {
			name: d.id.name,
			idNumber: d.id.idNumber,
			validFrom: d.id.validFrom,
			validTo: d.id.validTo,
			phone: d.basic.phone,
			address: d.id.address
		},
		bankCard: { number: d.bankCard.number },
		kyc: d.kyc,
		signaturePng: d.signature.png,
		...(live?.score !== undefined ? { faceScore: live.score } : {}),
		...(live?.livePhoto ? { livePhoto: live.livePhoto } : {}),
		// The portrait cropped from the photographed card, for the server's face comparison.
		...(live?.livePhoto && (live.idPortrait ?? photos.idPortrait)
			? { idPortrait: live.idPortrait ?? photos.idPortrait }
			: {}),
		...(photos.idFront ? { idFront: photos.idFront } : {}),
		...(photos.idBack ? { idBack: photos.idBack } : {}),
		...(live?.nonce ? { livenessNonce: live.nonce } : {})
	};
	const parsed = submissionSchema.safeParse(candidate);
	if (!parsed.success) {
		const path = parsed.error.issues[0]?.path.join('.') ?? '';
		if (path === 'applicant.phone') return { ok: false, step: 'basic' };
		if (path.startsWith('applicant')) return { ok: false, step: 'id' };
		if (path.startsWith('bankCard')) return { ok: false, step: 'bank' };
		if (path.startsWith('kyc')) return { ok: false, step: 'kyc' };
		return { ok: false, step: 'sign' };
	}
	return { ok: true, body: parsed.data };
}

/** A fresh idempotency key (URL-safe, 32 characters). */
export function newIdempotencyKey(): string {
	return crypto.randomUUID().replaceAll('-', '');
}
