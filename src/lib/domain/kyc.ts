/** KYC questionnaire answers and the risk rating derived from them. Pure. */

export const OCCUPATIONS = [
	'employee',
	'civil_servant',
	'farmer',
	'self_employed',
	'student',
	'retired',
	'unemployed',
	'cash_intensive_business'
] as const;
export const INCOME_BANDS = ['none', 'lt_50k', '50k_200k', '200k_1m', 'gt_1m'] as const;
export const PURPOSES = [
	'salary',
	'savings',
	'daily_spending',
	'investment',
	'business_settlement',
	'other'
] as const;

export type Occupation = (typeof OCCUPATIONS)[number];
export type IncomeBand = (typeof INCOME_BANDS)[number];
export type Purpose = (typeof PURPOSES)[number];
export type RiskRating = 'low' | 'medium' | 'high';

export interface KycAnswers {
	occupation: Occupation;
	incomeBand: IncomeBand;
	purpose: Purpose;
}

const OCCUPATION_POINTS: Record<Occupation, number> = {
	employee: 0,
	civil_servant: 0,
	farmer: 0,
	retired: 0,
	student: 1,
	self_employed: 1,
	unemployed: 2,
	cash_intensive_business: 3
};
const PURPOSE_POINTS: Record<Purpose, number> = {
	salary: 0,
	savings: 0,
	daily_spending: 0,
	investment: 1,
	other: 2,
	business_settlement: 3
};

/**
 * Rates money-laundering risk from the questionnaire: a Class II account used for business
 * settlement, or by a cash-intensive business, or with high income and no occupation, is high risk.
 *
 * @example
 * riskRating({ occupation: 'employee', incomeBand: '50k_200k', purpose: 'salary' }); // 'low'
 */
export function riskRating(kyc: KycAnswers): RiskRating {
	let points = OCCUPATION_POINTS[kyc.occupation] + PURPOSE_POINTS[kyc.purpose];
	const highIncome = kyc.incomeBand === '200k_1m' || kyc.incomeBand === 'gt_1m';
	if (highIncome && (kyc.occupation === 'unemployed' || kyc.occupation === 'student')) points += 3;
	if (kyc.incomeBand === 'gt_1m') points += 1;
	if (points >= 3) return 'high';
	if (points >= 1) return 'medium';
	return 'low';
}
