/**
 * Server-side face check at submission: the client's face score is never trusted. When the live
 * frame and the ID portrait are sent and a comparator is configured, the score is recomputed;
 * a mismatch with the client's score, a low score or no comparator means a human looks.
 */
import type { FaceComparator } from '../registry/face.ts';

/** How far the client's score may be from the server's before it is treated as tampered. */
export const SCORE_TOLERANCE = 0.1;

export type FaceCheck =
	| { kind: 'not_provided' }
	| { kind: 'no_comparator' }
	| { kind: 'checked'; score: number; pass: boolean; clientMismatch: boolean }
	| { kind: 'unusable'; reason: 'no_face' | 'poor_quality' };

export async function checkFace(
	comparator: FaceComparator | undefined,
	live: Uint8Array | undefined,
	portrait: Uint8Array | undefined,
	clientScore: number | undefined
): Promise<FaceCheck> {
	if (!live || !portrait) return { kind: 'not_provided' };
	if (!comparator) return { kind: 'no_comparator' };
	const r = await comparator.compare(live, portrait);
	if (r.kind !== 'score') return { kind: 'unusable', reason: r.kind };
	return {
		kind: 'checked',
		score: r.score,
		pass: r.score >= comparator.threshold,
		clientMismatch: clientScore !== undefined && Math.abs(clientScore - r.score) > SCORE_TOLERANCE
	};
}

/** The reason to escalate for, or null when the face check does not stop the application. */
export function faceEscalation(check: FaceCheck): string | null {
	if (check.kind === 'no_comparator') return 'face:no_server_comparator';
	if (check.kind === 'unusable') return `face:${check.reason}`;
	if (check.kind === 'checked' && check.clientMismatch) return 'face:client_score_mismatch';
	if (check.kind === 'checked' && !check.pass) return 'face:low_score';
	return null;
}
