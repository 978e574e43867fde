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
	const row = staffRow(input, await hashPassword(input.password), now);
	await db.insertInto('staff').values(row).execute();
	return { id: row.id, username: row.username, role: input.role, createdAt: row.created_at };
}

/** A new `staff` row (fresh id, enabled) for `input` with its password hash already made. */
export function staffRow(
	input: { username: string; role: StaffRole },
	passwordHash: string,
	now: Date
) {
	return {
		id: crypto.randomUUID(),
		username: input.username,
		role: input.role,
		password_hash: passwordHash,
		disabled: 0,
		created_at: now.toISOString()
	};
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
