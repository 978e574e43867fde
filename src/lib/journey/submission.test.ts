import { describe, expect, it } from 'vitest';
import { buildSubmission } from './submission.ts';
import type { JourneyData } from './types.ts';

const PNG =
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const JPEG = '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAA';

function signed(liveness: JourneyData['liveness']): JourneyData {
	return {
		startedAt: 0,
		basic: { phone: '13800138000' },
		id: {
			name: '张三',
			idNumber: '11010519900307001X',
			validFrom: '2020-01-01',
			validTo: '2040-01-01',
			address: '北京市东城区测试路1号',
			photographed: true
		},
		liveness,
		bankCard: { number: '6228480402564890018' },
		kyc: { occupation: 'employee', incomeBand: '50k_200k', purpose: 'salary' },
		signature: { png: PNG, at: 0 }
	};
}

describe('buildSubmission with the capture draft photos', () => {
	it('sends both card sides, and the portrait only beside a live photo', () => {
		const photos = { idFront: JPEG, idBack: JPEG, idPortrait: JPEG };
		const passed = buildSubmission(
			signed({ status: 'passed', nonce: 'n'.repeat(32), livePhoto: JPEG }),
			photos
		);
		expect(passed.ok && passed.body).toMatchObject({
			idFront: JPEG,
			idBack: JPEG,
			idPortrait: JPEG,
			livePhoto: JPEG,
			livenessNonce: 'n'.repeat(32)
		});
		const manual = buildSubmission(signed({ status: 'manual' }), photos);
		expect(manual.ok).toBe(true);
		if (manual.ok) {
			expect(manual.body.idFront).toBe(JPEG);
			expect(manual.body.idPortrait).toBeUndefined();
			expect(manual.body.livePhoto).toBeUndefined();
		}
	});

	it('without photos the form alone is sent', () => {
		const r = buildSubmission(signed({ status: 'manual' }));
		expect(r.ok && Object.keys(r.body)).not.toContain('idFront');
	});
});
