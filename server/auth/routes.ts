/** Staff login/logout/me and the admin's staff management. */
import { setCookie, deleteCookie, getCookie } from 'hono/cookie';
import { z } from 'zod';
import { appendAudit } from '../audit/log.ts';
import { ApiError } from '../http/errors.ts';
import { defineRoute, type RouteDef } from '../http/route.ts';
import { CSRF_HEADER, SESSION_COOKIE } from './authenticate.ts';
import { MIN_PASSWORD_LENGTH, verifyPassword } from './passwords.ts';
import { STAFF_ROLES } from './roles.ts';
import { createStaff, listStaff } from './staff.ts';
import { hashToken, newToken } from './tokens.ts';
import { clientAddress } from '../http/client-address.ts';
import { serialised } from './keyed-lock.ts';

const username = z
	.string()
	.trim()
	.min(3)
	.max(64)
	.regex(/^[a-z0-9._-]+$/);
const loginBody = z.object({ username, password: z.string().min(1).max(200) });
const staffBody = z.object({
	username,
	role: z.enum(STAFF_ROLES),
	password: z.string().min(MIN_PASSWORD_LENGTH).max(200)
});
const staffOut = z.object({
	id: z.string(),
	username: z.string(),
	role: z.enum(STAFF_ROLES),
	createdAt: z.string()
});
const meOut = z.object({
	id: z.string(),
	username: z.string(),
	role: z.enum(STAFF_ROLES),
	csrfToken: z.string()
});

export const authRoutes: RouteDef[] = [
	defineRoute({
		method: 'post',
		path: '/api/auth/login',
		operationId: 'login',
		summary: 'Staff login: sets an HttpOnly session cookie and returns the CSRF token',
		access: { kind: 'public' },
		body: loginBody,
		response: meOut,
		async handler({ c, deps, body }) {
			const userKey = `u:${body.username}`;
			const ipKey = `ip:${clientAddress(c)}`;
			// One attempt at a time per account and per address: a parallel burst meets the limit too.
			const staff = await serialised([userKey, ipKey], async () => {
				// Claimed before the password is checked: a burst spread over several instances
				// meets the limit too (the lock above is per process).
				const claims = [
					await deps.loginThrottle.claim(userKey),
					await deps.loginThrottle.claim(ipKey)
				];
				const wait = Math.max(...claims.map((cl) => cl.waitMs));
				if (wait > 0) {
					for (const cl of claims) await cl.release();
					c.header('Retry-After', String(Math.ceil(wait / 1000)));
					throw new ApiError(
						429,
						'rate_limited',
						'Too many failed logins, try later / 登录失败次数过多，请稍后再试'
					);
				}
				const found = await deps.storage.db
					.selectFrom('staff')
					.selectAll()
					.where('username', '=', body.username)
					.executeTakeFirst();
				const ok = await verifyPassword(found?.password_hash, body.password);
				// A failed attempt keeps both claims: they are its failure events.
				if (!found || !ok || found.disabled)
					throw new ApiError(401, 'unauthorized', 'Wrong username or password / 用户名或密码错误');
				await deps.loginThrottle.reset(userKey);
				await claims[1]!.release();
				return found;
			});
			const token = newToken('ks');
			const csrfToken = newToken('csrf');
			const now = deps.now();
			await deps.storage.db
				.insertInto('staff_sessions')
				.values({
					token_hash: hashToken(token),
					staff_id: staff.id,
					csrf_token: csrfToken,
					created_at: now.toISOString(),
					expires_at: new Date(now.getTime() + deps.sessionTtlMs).toISOString()
				})
				.execute();
			await appendAudit(deps.storage.db, {
				actor: `staff:${staff.id}`,
				action: 'staff.login',
				subject: staff.id
			});
			// Secure + SameSite=Strict; browsers treat http://127.0.0.1 and localhost as secure contexts.
			setCookie(c, SESSION_COOKIE, token, {
				httpOnly: true,
				secure: true,
				sameSite: 'Strict',
				path: '/api',
				maxAge: Math.floor(deps.sessionTtlMs / 1000)
			});
			return c.json({ id: staff.id, username: staff.username, role: staff.role, csrfToken });
		}
	}),
	defineRoute({
		method: 'post',
		path: '/api/auth/logout',
		operationId: 'logout',
		summary: 'Ends the staff session',
		access: { kind: 'staff', roles: STAFF_ROLES },
		headers: [{ name: CSRF_HEADER, required: true, description: 'CSRF token from login' }],
		async handler({ c, deps }) {
			const token = getCookie(c, SESSION_COOKIE) ?? '';
			await deps.storage.db
				.deleteFrom('staff_sessions')
				.where('token_hash', '=', hashToken(token))
				.execute();
			deleteCookie(c, SESSION_COOKIE, { path: '/api', secure: true });
			return c.json({ ok: true });
		}
	}),
	defineRoute({
		method: 'get',
		path: '/api/auth/me',
		operationId: 'me',
		summary: 'The logged-in staff member and the CSRF token of the session',
		access: { kind: 'staff', roles: STAFF_ROLES },
		response: meOut,
		async handler({ c, principal }) {
			if (principal.kind !== 'staff') throw new ApiError(401, 'unauthorized', 'Login required');
			return c.json({
				id: principal.staffId,
				username: principal.username,
				role: principal.role,
				csrfToken: principal.csrfToken
			});
		}
	}),
	defineRoute({
		method: 'post',
		path: '/api/admin/staff',
		operationId: 'createStaff',
		summary: 'Admin: create a staff account',
		access: { kind: 'staff', roles: ['admin'] },
		headers: [{ name: CSRF_HEADER, required: true, description: 'CSRF token from login' }],
		body: staffBody,
		response: staffOut,
		status: 201,
		async handler({ c, deps, body, principal }) {
			try {
				const staff = await createStaff(deps.storage.db, body, deps.now());
				await appendAudit(deps.storage.db, {
					actor: principal.kind === 'staff' ? `staff:${principal.staffId}` : 'system',
					action: 'staff.create',
					subject: staff.id,
					detail: { role: staff.role }
				});
				return c.json(staff, 201);
			} catch (err) {
				if ((err as Error).message === 'duplicate_username')
					throw new ApiError(409, 'conflict', 'Username already exists / 用户名已存在');
				throw err;
			}
		}
	}),
	defineRoute({
		method: 'get',
		path: '/api/admin/staff',
		operationId: 'listStaff',
		summary: 'Admin: list staff accounts',
		access: { kind: 'staff', roles: ['admin'] },
		response: z.object({ staff: z.array(staffOut) }),
		async handler({ c, deps, principal }) {
			await appendAudit(deps.storage.db, {
				actor: principal.kind === 'staff' ? `staff:${principal.staffId}` : 'system',
				action: 'staff.list',
				subject: 'staff'
			});
			return c.json({ staff: await listStaff(deps.storage.db) });
		}
	})
];
