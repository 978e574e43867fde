import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.ts';
import { hashPassword } from './passwords.ts';
import type { StaffRole } from './roles.ts';

export interface StaffRecord {
	id: string;
	username: string;
	role: StaffRole;
	createdAt: string;
}

/** Creates a staff member; throws `duplicate_username` when the name is taken. */
export async function createStaff(
	db: Kysely<Database>,
	input: { username: string; role: StaffRole; password: string },
	now: Date
): Promise<StaffRecord> {
	const existing = await db
		.selectFrom('staff')
		.select('id')
		.where('username', '=', input.username)
		.executeTakeFirst();
	if (existing) throw new Error('duplicate_username');
	const record: StaffRecord = {
		id: crypto.randomUUID(),
		username: input.username,
		role: input.role,
		createdAt: now.toISOString()
	};
	await db
		.insertInto('staff')
		.values({
			id: record.id,
			username: record.username,
			role: record.role,
			password_hash: await hashPassword(input.password),
			disabled: 0,
			created_at: record.createdAt
		})
		.execute();
	return record;
}

export async function listStaff(db: Kysely<Database>): Promise<StaffRecord[]> {
	const rows = await db
		.selectFrom('staff')
		.select(['id', 'username', 'role', 'created_at'])
		.orderBy('created_at')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		username: r.username,
		role: r.role as StaffRole,
		createdAt: r.created_at
	}));
}
