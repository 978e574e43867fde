/** The shapes `/api/review/*` returns (server/review/routes.ts). */
import type { ApplicationState } from '$lib/domain/application.ts';
import type { ReviewCategory } from '$lib/domain/review.ts';

export interface QueueItem {
	id: string;
	state: ApplicationState;
	reason: string | null;
	category: ReviewCategory | null;
	maskedName: string | null;
	risk: string | null;
	registryResult: string | null;
	faceScore: number | null;
	clientFaceScore: number | null;
	updatedAt: string;
}

export interface ReviewFile {
	id: string;
	kind: string;
	label: string | null;
	sha256: string;
	available: boolean;
	createdAt: string;
	purgedAt: string | null;
}

export interface ReviewDetail extends Omit<QueueItem, 'maskedName' | 'updatedAt'> {
	formSha256: string | null;
	kyc: Record<string, string> | null;
	pii: {
		applicant?: {
			name: string;
			idNumber: string;
			validFrom: string;
			validTo: string | null;
			phone: string;
			address: string;
		};
		bankCard?: { number: string };
	} | null;
	files: ReviewFile[];
	history: {
		seq: number;
		at: string;
		actor: string;
		action: string;
		detail: Record<string, unknown>;
	}[];
	account: { accountNumber: string; accountClass: string } | null;
}

/** States in which a reviewer may still decide. */
export const OPEN_STATES: readonly ApplicationState[] = [
	'manual_review',
	'witnessed',
	'under_review'
];

/** A score as a percentage with one decimal, or null. */
export function percent(score: number | null): string | null {
	return score === null ? null : `${(score * 100).toFixed(1)}%`;
}
