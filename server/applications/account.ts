/**
 * Activation: a Class II account (remote opening) with its outflow limits, and a notice to the
 * customer. Account numbers are 19 digits, Luhn-valid, unique (retried on collision).
 */
import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import { luhnCheckDigit } from '../../src/lib/domain/bank-card.ts';
import type { Database } from '../storage/schema.ts';

/** ≤ 1万 CNY a day and ≤ 20万 CNY a year outflow, in fen. */
export const CLASS_II_LIMITS = {
	dailyOutflowFen: 1_000_000,
	yearlyOutflowFen: 20_000_000
} as const;
/** Issuer prefix of the demo bank's Class II accounts. */
export const ACCOUNT_PREFIX = '621799';

export function newAccountNumber(): string {
	let body = ACCOUNT_PREFIX;
	while (body.length < 18) body += String(randomInt(10));
	return body + luhnCheckDigit(body);
}

export interface Account {
	accountNumber: string;
	accountClass: 'II';
	dailyOutflowLimitFen: number;
	yearlyOutflowLimitFen: number;
}

/** Creates the account and the notice (in the caller's transaction). */
export async function openAccount(
	db: Kysely<Database>,
	applicationId: string,
	now: Date,
	generate: () => string = newAccountNumber
): Promise<Account> {
	for (let attempt = 0; attempt < 10; attempt++) {
		const accountNumber = generate();
		const taken = await db
			.selectFrom('accounts')
			.select('account_number')
			.where('account_number', '=', accountNumber)
			.executeTakeFirst();
		if (taken) continue;
		await db
			.insertInto('accounts')
			.values({
				account_number: accountNumber,
				application_id: applicationId,
				account_class: 'II',
				daily_outflow_limit_fen: CLASS_II_LIMITS.dailyOutflowFen,
				yearly_outflow_limit_fen: CLASS_II_LIMITS.yearlyOutflowFen,
				created_at: now.toISOString()
			})
			.execute();
		const tail = accountNumber.slice(-4);
		await db
			.insertInto('notices')
			.values({
				id: crypto.randomUUID(),
				application_id: applicationId,
				kind: 'account_opened',
				message:
					`您的II类账户（尾号${tail}）已开通：每日转出限额1万元，每年转出限额20万元。 / ` +
					`Your Class II account ending ${tail} is open: outflow up to 10,000 CNY a day and 200,000 CNY a year.`,
				created_at: now.toISOString()
			})
			.execute();
		return {
			accountNumber,
			accountClass: 'II',
			dailyOutflowLimitFen: CLASS_II_LIMITS.dailyOutflowFen,
			yearlyOutflowLimitFen: CLASS_II_LIMITS.yearlyOutflowFen
		};
	}
	throw new Error('could not allocate a unique account number');
}
