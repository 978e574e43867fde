/**
 * Structured request logs: one JSON line per API request with the route pattern (never the
 * concrete path, which could carry an identifier), method, status and duration. No bodies, no
 * query strings, no headers: nothing that can hold PII.
 */
import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';

export function requestLog(log: (entry: Record<string, unknown>) => void): MiddlewareHandler {
	return async (c, next) => {
		const start = performance.now();
		await next();
		log({
			level: c.res.status >= 500 ? 'error' : 'info',
			msg: 'request',
			method: c.req.method,
			route: matchedRoutes(c).find((r) => r.method !== 'ALL')?.path ?? 'unmatched',
			status: c.res.status,
			ms: Math.round(performance.now() - start)
		});
	};
}
