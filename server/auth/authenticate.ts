/**
 * Resolves the caller of a request: a staff session cookie or a customer capability token
 * (`Authorization: Bearer kh_…`). Neither present: anonymous.
 */
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Kysely } from 'kysely';
import type { CoreDeps } from '../deps.ts';
import type { Database } from '../storage/schema.ts';
import type { Principal, StaffRole } from './roles.ts';
import { hashToken } from './tokens.ts';

export const SESSION_COOKIE = 'kaihu_session';
export const CSRF_HEADER = 'x-csrf-token';

export async function authenticate(c: Context, deps: CoreDeps): Promise<Principal> {
	const staff = await staffSession(c, deps.storage.db, deps.now());
	if (staff) return staff;
	const now = deps.now().toISOString();
	const auth = c.req.header('authorization');
	const bearer = auth?.match(/^Bearer (kh_[A-Za-z0-9_-]{20,100})$/)?.[1];
	if (bearer) {
		const row = await deps.storage.db
			.selectFrom('app_tokens')
			.select(['application_id', 'expires_at', 'revoked_at'])
			.where('token_hash', '=', hashToken(bearer))
			.executeTakeFirst();
		if (row && !row.revoked_at && row.expires_at > now) {
			return { kind: 'customer', applicationId: row.application_id };
		}
	}
	return { kind: 'anonymous' };
}

/** The staff member of the request's session cookie, when the session is live. */
export async function staffSession(
	c: Context,
	db: Kysely<Database>,
	at: Date
): Promise<Extract<Principal, { kind: 'staff' }> | null> {
	const now = at.toISOString();
	const session = getCookie(c, SESSION_COOKIE);
	if (!session) return null;
	const row = await db
		.selectFrom('staff_sessions')
		.innerJoin('staff', 'staff.id', 'staff_sessions.staff_id')
		.select([
			'staff.id',
			'staff.username',
			'staff.role',
			'staff.disabled',
			'staff_sessions.csrf_token',
			'staff_sessions.expires_at'
		])
		.where('staff_sessions.token_hash', '=', hashToken(session))
		.executeTakeFirst();
	if (!row || row.expires_at <= now || row.disabled) return null;
	return {
		kind: 'staff',
		staffId: row.id,
		username: row.username,
		role: row.role as StaffRole,
		csrfToken: row.csrf_token
	};
}
