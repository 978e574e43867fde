/**
 * Mounts the route table on the app: authentication, the access rule, CSRF for state-changing
 * staff requests, and zod validation of params, query and body — before any handler runs.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { authenticate, CSRF_HEADER } from '../auth/authenticate.ts';
import type { Principal } from '../auth/roles.ts';
import type { CoreDeps } from '../deps.ts';
import { ApiError } from './errors.ts';
import type { RouteDef } from './route.ts';

export function mountRoutes(app: Hono, routes: readonly RouteDef[], deps: CoreDeps): void {
	for (const route of routes) {
		app.on(route.method.toUpperCase(), route.path, async (c) => {
			const principal = await authenticate(c, deps);
			authorize(route, principal, c);
			const params = c.req.param() as Record<string, string>;
			for (const [k, v] of Object.entries(params)) {
				if (v.length > 100) throw new ApiError(400, 'bad_request', `Parameter ${k} too long`);
				refuseNul(k, v);
			}
			const rawQuery = c.req.query();
			for (const [k, v] of Object.entries(rawQuery)) refuseNul(k, `${k}${v}`);
			const query = route.query ? parse(route.query, rawQuery, 'query') : {};
			const body = route.body ? parse(route.body, await readJson(c), 'body') : undefined;
			return route.handler({
				c,
				deps,
				principal,
				params,
				body,
				query: query as Record<string, string>
			});
		});
	}
}

/**
 * No id, name or filter holds a NUL: PostgreSQL refuses it in any text value ("invalid byte
 * sequence"), which would surface as a 500 (the fuzz found `/api/staff/applications/%00/liveness`).
 */
function refuseNul(name: string, value: string): void {
	if (value.includes('\u0000'))
		throw new ApiError(
			400,
			'bad_request',
			`Parameter ${name.replaceAll('\u0000', '')} holds a NUL character / 参数含有非法字符`
		);
}

function authorize(route: RouteDef, principal: Principal, c: Context): void {
	const { access } = route;
	if (access.kind === 'public') return;
	if (access.kind === 'customer') {
		if (principal.kind === 'anonymous')
			throw new ApiError(401, 'unauthorized', 'Application token required / 需要申请令牌');
		if (principal.kind !== 'customer' || principal.applicationId !== c.req.param('id'))
			throw new ApiError(403, 'forbidden', 'Not your application / 无权访问此申请');
		return;
	}
	if (principal.kind !== 'staff')
		throw new ApiError(401, 'unauthorized', 'Staff login required / 需要员工登录');
	if (!access.roles.includes(principal.role))
		throw new ApiError(403, 'forbidden', 'Your role may not do this / 您的角色无权执行此操作');
	if (route.method !== 'get') checkCsrf(c, principal.csrfToken);
}

/** Synchronizer token in a header (a cross-site form cannot set one) plus an Origin check. */
function checkCsrf(c: Context, expected: string): void {
	const origin = c.req.header('origin');
	if (origin && origin !== new URL(c.req.url).origin)
		throw new ApiError(403, 'forbidden', 'Cross-origin request refused / 拒绝跨域请求');
	const sent = Buffer.from(c.req.header(CSRF_HEADER) ?? '');
	const want = Buffer.from(expected);
	if (sent.length !== want.length || !timingSafeEqual(sent, want))
		throw new ApiError(403, 'forbidden', 'Missing or wrong CSRF token / CSRF 令牌无效');
}

async function readJson(c: Context): Promise<unknown> {
	const type = c.req.header('content-type') ?? '';
	if (!type.includes('application/json'))
		throw new ApiError(415, 'bad_request', 'Expected application/json / 需要 JSON 请求体');
	try {
		return await c.req.json();
	} catch {
		throw new ApiError(400, 'bad_request', 'Malformed JSON / JSON 格式错误');
	}
}

function parse<T>(
	schema: {
		safeParse(
			v: unknown
		):
			| { success: true; data: T }
			| { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
	},
	value: unknown,
	where: string
): T {
	const r = schema.safeParse(value);
	if (r.success) return r.data;
	throw new ApiError(
		400,
		'validation_failed',
		`Invalid ${where} / 请求内容无效`,
		r.error.issues
			.slice(0, 20)
			.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))
	);
}
