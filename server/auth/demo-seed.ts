/**
 * Demo staff accounts (`npm run seed:demo`, and `npm start` on an empty database): one admin, one
 * reviewer, one agent. Passwords are random and printed once, unless `KAIHU_DEMO_PASSWORD` fixes
 * them (for end-to-end tests).
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.ts';
import { createStaff } from './staff.ts';
import type { StaffRole } from './roles.ts';

export const DEMO_STAFF: readonly { username: string; role: StaffRole }[] = [
	{ username: 'admin', role: 'admin' },
	{ username: 'reviewer', role: 'reviewer' },
	{ username: 'agent', role: 'agent' }
];

/** Creates the demo staff when there is no staff at all; returns the credentials (or null). */
export async function seedDemoStaff(
	db: Kysely<Database>,
	fixedPassword?: string
): Promise<{ username: string; role: StaffRole; password: string }[] | null> {
	const any = await db.selectFrom('staff').select('id').limit(1).executeTakeFirst();
	if (any) return null;
	const created = [];
	for (const s of DEMO_STAFF) {
		const password = fixedPassword || randomBytes(12).toString('base64url');
		await createStaff(db, { ...s, password }, new Date());
		created.push({ ...s, password });
	}
	return created;
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
