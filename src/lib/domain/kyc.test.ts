import { describe, expect, it } from 'vitest';
import { riskRating } from './kyc.ts';

describe('KYC risk rating', () => {
	it('rates an employee saving a salary low', () => {
		expect(riskRating({ occupation: 'employee', incomeBand: '50k_200k', purpose: 'salary' })).toBe(
			'low'
		);
	});
	it('rates investment by the self-employed medium', () => {
		expect(
			riskRating({ occupation: 'self_employed', incomeBand: 'lt_50k', purpose: 'savings' })
		).toBe('medium');
	});
	it('rates business settlement and unexplained high income high', () => {
		expect(
			riskRating({ occupation: 'employee', incomeBand: 'lt_50k', purpose: 'business_settlement' })
		).toBe('high');
		expect(riskRating({ occupation: 'student', incomeBand: 'gt_1m', purpose: 'savings' })).toBe(
			'high'
		);
	});
});
