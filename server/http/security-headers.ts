/**
 * The security headers (`security/csp.ts`) on every answer, and `Connection: close` after a body
 * left unread (`./unread-body.ts`).
 *
 * Over a socket they go onto Node's `ServerResponse` with `setHeader` before routing, from a list
 * made once: the adapter merges them into its `writeHead`, so the route's answer keeps the
 * adapter's light path (a plain header record). Setting them on `c.res.headers` after the route,
 * as before, made every answer build a fetch `Headers` and copy it — ≈ 4 % of a
 * `POST /api/records`. Set before routing, they are also on answers no middleware sees after the
 * route (a throw from `notFound`). Under `app.request()` (tests; no socket) they go on `c.res`.
 *
 * No route sets any of these headers itself (`security-headers.test.ts` checks answers over a
 * socket); one that did would win over these on the socket path.
 */
import type { ServerResponse } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import { closeIfBodyUnread } from './unread-body.ts';

/**
 * Middleware setting `headers` on every answer.
 *
 * @example
 * app.use('*', setSecurityHeaders(securityHeaders(buildCsp({ scriptHashes }))));
 */
export function setSecurityHeaders(headers: Readonly<Record<string, string>>): MiddlewareHandler {
	const list = Object.freeze(Object.entries(headers));
	return async function securityHeadersMiddleware(c, next) {
		const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
		if (outgoing && typeof outgoing.setHeader === 'function') {
			for (const [k, v] of list) outgoing.setHeader(k, v);
			await next();
		} else {
			await next();
			for (const [k, v] of list) c.res.headers.set(k, v);
		}
		closeIfBodyUnread(c);
	};
}
