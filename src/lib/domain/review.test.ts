import { describe, expect, it } from 'vitest';
import { rejectReason, reviewCategory } from './review.ts';

describe('reviewCategory', () => {
	it('names why an application waits for a human', () => {
		expect(reviewCategory('liveness:failed_3_times')).toBe('liveness_failed');
		expect(reviewCategory('registry:no_registry_photo')).toBe('no_registry_photo');
		expect(reviewCategory('face:low_score')).toBe('low_face_score');
		expect(reviewCategory('face:no_face')).toBe('low_face_score');
		expect(reviewCategory('registry:different_person')).toBe('low_face_score');
		expect(reviewCategory('witness:robot_session')).toBe('robot_session');
		expect(reviewCategory('registry:locked_repeated_failures')).toBe('registry');
		expect(reviewCategory('kyc:high_risk')).toBe('high_risk');
		expect(reviewCategory(null)).toBe('other');
	});
});

describe('rejectReason', () => {
	it('is the code, with the note after a colon when given', () => {
		expect(rejectReason('face_mismatch')).toBe('face_mismatch');
		expect(rejectReason('other', '  证件照片模糊 ')).toBe('other: 证件照片模糊');
		expect(rejectReason('other', 'x'.repeat(600))).toHaveLength(500);
	});
});
