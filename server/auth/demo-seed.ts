/**
 * Demo staff accounts (`npm run seed:demo`, and `npm start` on an empty database): one admin, one
 * reviewer, one agent. Passwords are random and printed once, unless `KAIHU_DEMO_PASSWORD` fixes
 * them (for end-to-end tests).
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.ts';
import { hashPassword } from './passwords.ts';
import { staffRow } from './staff.ts';
import type { StaffRole } from './roles.ts';

export const DEMO_STAFF: readonly { username: string; role: StaffRole }[] = [
	{ username: 'admin', role: 'admin' },
	{ username: 'reviewer', role: 'reviewer' },
	{ username: 'agent', role: 'agent' }
];

/**
 * Creates the demo staff when there is no staff at all; returns the credentials (or null).
 * Safe when several instances start at once on one empty database: the three accounts go in
 * with one statement in one transaction, `ON CONFLICT (username) DO NOTHING`, so one start
 * creates them all and the others insert nothing and return null (no crash on the unique name).
 */
export async function seedDemoStaff(
	db: Kysely<Database>,
	fixedPassword?: string
): Promise<{ username: string; role: StaffRole; password: string }[] | null> {
	const any = await db.selectFrom('staff').select('id').limit(1).executeTakeFirst();
	if (any) return null;
	const now = new Date();
	const created = DEMO_STAFF.map((s) => ({
		...s,
		password: fixedPassword || randomBytes(12).toString('base64url')
	}));
	const rows = await Promise.all(
		created.map(async (s) => staffRow(s, await hashPassword(s.password), now))
	);
	const inserted = await db.transaction().execute(async (trx) => {
		if (await trx.selectFrom('staff').select('id').limit(1).executeTakeFirst()) return 0n;
		const r = await trx
			.insertInto('staff')
			.values(rows)
			.onConflict((oc) => oc.column('username').doNothing())
			.executeTakeFirst();
		return r.numInsertedOrUpdatedRows ?? 0n;
	});
	return inserted > 0n ? created : null;
}

/** The once-only banner with the credentials. */
export function credentialsBanner(
	creds: { username: string; role: string; password: string }[]
): string {
	return [
		'==== Kaihu demo staff accounts (shown once; store them now) ====',
		...creds.map(
			(c) => `  ${c.role.padEnd(9)} username: ${c.username.padEnd(9)} password: ${c.password}`
		),
		'================================================================'
	].join('\n');
}
