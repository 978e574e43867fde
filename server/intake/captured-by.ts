/**
 * Records a staff member captured for a customer (branch walk-ins, `kind: 'branch-walk-in'`)
 * carry `capturedBy: { staffId, username }` — a claim the server checks: the request must come
 * with a live staff session (same origin) of that very staff member, in a role that may capture.
 */
import type { Context } from 'hono';
import { staffSession } from '../auth/authenticate.ts';
import { ApiError } from '../http/errors.ts';
import type { Storage } from '../storage/index.ts';

/** Record kinds captured by staff (`src/lib/branch/customers.ts`, `WALK_IN_KIND`). */
export const STAFF_CAPTURED_KINDS: readonly string[] = ['branch-walk-in'];
/** Roles that may capture walk-in customers (`src/lib/branch/device.ts`, `BRANCH_ROLES`). */
const CAPTURE_ROLES: readonly string[] = ['agent', 'admin'];

/** Throws unless the session's staff member is the one the record says captured it. */
export async function checkCapturedBy(
	c: Context,
	storage: Storage,
	payload: Record<string, unknown>
): Promise<void> {
	const origin = c.req.header('origin');
	if (origin && origin !== new URL(c.req.url).origin)
		throw new ApiError(403, 'forbidden', 'Cross-origin request refused / 拒绝跨域请求');
	const staff = await staffSession(c, storage.db, new Date());
	if (!staff)
		throw new ApiError(
			401,
			'unauthorized',
			'Staff login required to send branch captures / 发送网点采集记录需要员工登录'
		);
	const claim = payload.capturedBy as { staffId?: unknown } | undefined;
	if (!claim || typeof claim !== 'object' || claim.staffId !== staff.staffId)
		throw new ApiError(
			403,
			'forbidden',
			'Captured by another staff member than the one signed in / 采集人与当前登录员工不符',
			{ path: 'payload.capturedBy.staffId' }
		);
	if (!CAPTURE_ROLES.includes(staff.role))
		throw new ApiError(
			403,
			'forbidden',
			'Your role may not capture customers / 您的角色无权采集客户'
		);
}
