/**
 * The server core's API: the route table (auth, applications, registry, OpenAPI), mounted on the
 * app with request logging. `createApp` calls {@link mountApi}.
 */
import type { Hono } from 'hono';
import { customerRoutes } from './applications/customer-routes.ts';
import { retentionRoutes } from './applications/retention-route.ts';
import { staffApplicationRoutes } from './applications/staff-routes.ts';
import { authRoutes } from './auth/routes.ts';
import { Throttle } from './auth/throttle.ts';
import type { CoreDeps } from './deps.ts';
import { buildOpenApi } from './http/openapi.ts';
import { mountRoutes } from './http/mount.ts';
import { requestLog } from './http/request-log.ts';
import { defineRoute, type RouteDef } from './http/route.ts';
import { EmbeddedRegistry } from './registry/embedded.ts';
import { livenessRoutes } from './liveness/routes.ts';
import { registryRoutes } from './registry/routes.ts';
import { PiiCipher, generateKey, parseKey } from './security/pii.ts';
import type { Storage } from './storage/index.ts';

const openApiRoute = (version: string): RouteDef =>
	defineRoute({
		method: 'get',
		path: '/api/openapi.json',
		operationId: 'openApi',
		summary: 'This document',
		access: { kind: 'public' },
		async handler({ c }) {
			return c.json(buildOpenApi(apiRoutes(version), version));
		}
	});

/** Every API route with its access rule. `GET /api/health` is the only route outside it (public). */
export function apiRoutes(version: string): RouteDef[] {
	return [
		...authRoutes,
		...customerRoutes,
		...staffApplicationRoutes,
		...registryRoutes,
		...retentionRoutes,
		...livenessRoutes,
		openApiRoute(version)
	];
}

/** Routes registered on the app outside the table, with their (public) rule. */
export const ROUTES_OUTSIDE_TABLE = [{ method: 'GET', path: '/api/health' }] as const;

/** Fills in defaults for what tests or `server/index.ts` did not supply. */
export function coreDeps(storage: Storage, partial: Partial<CoreDeps> = {}): CoreDeps {
	// Without a configured cipher (API-only tests) PII is sealed with a throwaway key.
	const cipher = partial.cipher ?? new PiiCipher(parseKey(generateKey(), 'ephemeral'));
	const now = partial.now ?? (() => new Date());
	return {
		storage,
		cipher,
		now,
		registry: partial.registry ?? new EmbeddedRegistry(storage.db, cipher, partial.faceComparator),
		faceComparator: partial.faceComparator,
		loginThrottle: partial.loginThrottle ?? new Throttle(5, 15 * 60_000),
		createThrottle: partial.createThrottle ?? new Throttle(100, 10 * 60_000),
		capabilityTtlMs: partial.capabilityTtlMs ?? 7 * 24 * 3600_000,
		sessionTtlMs: partial.sessionTtlMs ?? 8 * 3600_000,
		log: partial.log ?? ((e) => console.log(JSON.stringify(e)))
	};
}

export function mountApi(app: Hono, deps: CoreDeps, version: string): void {
	app.use('/api/*', requestLog(deps.log));
	mountRoutes(app, apiRoutes(version), deps);
}
