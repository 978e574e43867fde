/**
 * zod schemas for what a customer submits, shared by the client (form validation) and the server
 * (re-validation: the server never trusts the client's checks).
 */
import { z } from 'zod';
import { ageOn } from './age.ts';
import { checkBankCard, type CheckCode } from './checks.ts';
import { chinaDate } from './dates.ts';
import { parseIdNumber, type IdNumberErrorCode } from './id-number.ts';
import { INCOME_BANDS, OCCUPATIONS, PURPOSES } from './kyc.ts';

export const MIN_AGE = 18;
export const MAX_AGE = 70;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const kycSchema = z.object({
	occupation: z.enum(OCCUPATIONS),
	incomeBand: z.enum(INCOME_BANDS),
	purpose: z.enum(PURPOSES)
});

/** Applicant identity as read from the ID card (OCR, corrected by the customer). */
export const applicantSchema = z.object({
	name: z
		.string()
		.trim()
		.min(2)
		.max(30)
		.regex(/^[\p{Script=Han}·A-Za-z ]+$/u, 'name: letters only'),
	idNumber: z.string().regex(/^\d{17}[\dX]$/, 'idNumber: 18 characters'),
	/** Validity period printed on the emblem side; `validTo` is null for 长期 (long-term). */
	validFrom: z.string().regex(DATE),
	validTo: z.string().regex(DATE).nullable(),
	phone: z.string().regex(/^1\d{10}$/, 'phone: 11-digit mobile number'),
	address: z.string().trim().min(4).max(120)
});

export const bankCardSchema = z.object({
	number: z.string().regex(/^\d{16,19}$/, 'bank card: 16–19 digits')
});

/** Everything a submission carries besides the headers. */
export const submissionSchema = z.object({
	applicant: applicantSchema,
	bankCard: bankCardSchema,
	kyc: kycSchema,
	/** The drawn signature, a base64 PNG (≤ 256 KB). */
	signaturePng: z.string().min(16).max(350_000),
	/** Face comparison score computed on the device (recomputed by the server where it can). */
	faceScore: z.number().min(0).max(1).optional(),
	/** Live face frame (base64 JPEG/PNG, ≤ 200 KB) and the ID card's portrait crop, for the server to recompute the face score. */
	livePhoto: z.string().min(16).max(280_000).optional(),
	idPortrait: z.string().min(16).max(280_000).optional(),
	/** The liveness challenge nonce the server issued for this application. */
	livenessNonce: z.string().min(16).max(128).optional(),
	/** The captured ID card sides (base64 JPEG, downscaled on the device), for the agent and reviewer. */
	idFront: z.string().min(16).max(200_000).optional(),
	idBack: z.string().min(16).max(200_000).optional()
});

export type Applicant = z.infer<typeof applicantSchema>;
export type Submission = z.infer<typeof submissionSchema>;

/** A field-level problem found by {@link revalidate}. */
export interface FieldProblem {
	path: string;
	/** Shared with the capture step's checks (`./checks.ts`, `./id-number.ts`) where they overlap. */
	code:
		| IdNumberErrorCode
		| CheckCode
		| 'age_out_of_range'
		| 'card_expired'
		| 'card_not_yet_valid'
		| 'signature_png'
		| 'card_image';
	message: string;
}

/**
 * Business-rule checks beyond the shape: ID check digit and birth date, age 18–70, ID card validity
 * on `today`, bank-card Luhn. Returns every problem (empty when the submission passes).
 */
export function revalidate(s: Submission, today: Date): FieldProblem[] {
	const problems: FieldProblem[] = [];
	const { applicant } = s;
	const id = parseIdNumber(applicant.idNumber, today);
	if (!id.ok) {
		problems.push({
			path: 'applicant.idNumber',
			code: id.code,
			message: 'Invalid ID number / 身份证号码无效'
		});
	} else {
		const age = ageOn(id.info.birth, chinaDate(today));
		if (age < MIN_AGE || age > MAX_AGE) {
			problems.push({
				path: 'applicant.idNumber',
				code: 'age_out_of_range',
				message: `Applicants must be ${MIN_AGE}–${MAX_AGE} years old / 申请人年龄须在${MIN_AGE}至${MAX_AGE}岁之间`
			});
		}
	}
	const day = today.toISOString().slice(0, 10);
	if (applicant.validFrom > day) {
		problems.push({
			path: 'applicant.validFrom',
			code: 'card_not_yet_valid',
			message: 'ID card not yet valid / 身份证尚未生效'
		});
	}
	if (applicant.validTo !== null && applicant.validTo < day) {
		problems.push({
			path: 'applicant.validTo',
			code: 'card_expired',
			message: 'ID card expired / 身份证已过期'
		});
	}
	// The same rules the capture step showed the customer: Luhn, BIN known, length, debit only
	// (a Class II account links a debit card).
	for (const c of checkBankCard({ cardNumber: s.bankCard.number })) {
		if (!c.ok)
			problems.push({
				path: 'bankCard.number',
				code: c.code,
				message: `${c.message.en} / ${c.message.zh}`
			});
	}
	return problems;
}
