/**
 * One valid submission body for a registry citizen, shared by the server harness, the e2e specs and
 * the chaos bench (the server re-validates it; the embedded registry matches the citizen).
 */

/** A 1×1 PNG as base64 (a valid signature for the form PDF). */
export const TINY_PNG_BASE64 =
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

export interface SubmissionCitizen {
	name: string;
	idNumber: string;
	validFrom: string;
	/** `null`: valid long-term (长期). */
	validTo: string | null;
}

/** The submission of `c` with a fixed phone, address, bank card and KYC answers. */
export function submissionFor(c: SubmissionCitizen, signaturePng = TINY_PNG_BASE64) {
	return {
		applicant: {
			name: c.name,
			idNumber: c.idNumber,
			validFrom: c.validFrom,
			validTo: c.validTo,
			phone: '13800138000',
			address: '北京市东城区测试路1号'
		},
		bankCard: { number: '6228480402564890018' },
		kyc: { occupation: 'employee', incomeBand: '50k_200k', purpose: 'salary' },
		signaturePng
	};
}
