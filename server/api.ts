/**
 * The server core's API: the route table (auth, applications, registry, OpenAPI), mounted on the
 * app with request logging. `createApp` calls {@link mountApi}.
 */
import type { Hono } from 'hono';
import { customerRoutes } from './applications/customer-routes.ts';
import { retentionRoutes } from './applications/retention-route.ts';
import { staffApplicationRoutes } from './applications/staff-routes.ts';
import { inThreadFormPdf } from './applications/form-pdf-renderer.ts';
import { SUBMISSION_JOB, submissionJobHandler } from './applications/submission-job.ts';
import { authRoutes } from './auth/routes.ts';
import { StoreThrottle } from './auth/store-throttle.ts';
import { bookingRoutes } from './bookings/index.ts';
import type { CoreDeps } from './deps.ts';
import { buildOpenApi } from './http/openapi.ts';
import { mountRoutes } from './http/mount.ts';
import { requestLog } from './http/request-log.ts';
import { defineRoute, type RouteDef } from './http/route.ts';
import { JobDrainer } from './jobs/drainer.ts';
import { EmbeddedRegistry } from './registry/embedded.ts';
import { livenessRoutes } from './liveness/routes.ts';
import { registryRoutes } from './registry/routes.ts';
import { reviewRoutes } from './review/routes.ts';
import { robotRoutes } from './robot/index.ts';
import { witnessRecordingRoutes } from './witness-recordings/routes.ts';
import { PiiCipher, generateKey, parseKey } from './security/pii.ts';
import type { Storage } from './storage/index.ts';
import { logLine } from './logging/log.ts';

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
		...reviewRoutes,
		...robotRoutes,
		...witnessRecordingRoutes,
		...bookingRoutes,
		openApiRoute(version)
	];
}

/**
 * Routes registered on the app outside the table (they are not JSON request/response routes, so
 * `defineRoute` cannot describe them), each with its access rule and why it is exempt. The authz
 * matrix test mounts signalling and intake, fails on any other route outside the table, and
 * checks each rule here for an anonymous caller.
 */
export const ROUTES_OUTSIDE_TABLE: readonly {
	method: string;
	path: string;
	access: 'public' | 'credential';
	why: string;
}[] = [
	{ method: 'GET', path: '/api/health', access: 'public', why: 'liveness probe; no data' },
	{
		method: 'GET',
		path: '/api/witness/config',
		access: 'public',
		why: 'signalling path, PeerJS key and ICE servers the call page needs before any login; no secrets'
	},
	{
		method: 'GET',
		path: '/api/witness/signal/:key/id',
		access: 'public',
		why: 'PeerJS id allocation: a random UUID, useless without a booking credential'
	},
	{
		method: 'GET',
		path: '/api/witness/signal/peerjs',
		access: 'credential',
		why: 'WebSocket upgrade only; the hub closes any socket without a valid HMAC call credential (server/signalling/credentials.test.ts)'
	},
	{
		method: 'POST',
		path: '/api/records',
		access: 'public',
		why: 'device outbox (server/intake): idempotent by client id + key, blobs must be uploaded first, answers a receipt only'
	},
	{
		method: 'GET',
		path: '/api/blobs/:sha256',
		access: 'public',
		why: 'device outbox: says whether a content hash is stored (sha256 + size), never the content'
	},
	{
		method: 'ALL',
		path: '/api/uploads',
		access: 'public',
		why: 'tus resumable uploads of device outboxes (content-addressed, verified by sha256)'
	},
	{ method: 'ALL', path: '/api/uploads/*', access: 'public', why: 'tus upload resources' }
];

/** Fills in defaults for what tests or `server/index.ts` did not supply. */
export function coreDeps(storage: Storage, partial: Partial<CoreDeps> = {}): CoreDeps {
	// Without a configured cipher (API-only tests) PII is sealed with a throwaway key.
	const cipher = partial.cipher ?? new PiiCipher(parseKey(generateKey(), 'ephemeral'));
	const now = partial.now ?? (() => new Date());
	const log = partial.log ?? logLine;
	const deps: CoreDeps = {
		storage,
		cipher,
		now,
		registry: partial.registry ?? new EmbeddedRegistry(storage.db, cipher, partial.faceComparator),
		faceComparator: partial.faceComparator,
		loginThrottle: partial.loginThrottle ?? new StoreThrottle(storage.db, 'login', 5, 15 * 60_000),
		createThrottle:
			partial.createThrottle ?? new StoreThrottle(storage.db, 'create', 100, 10 * 60_000),
		blobs: partial.blobs,
		callAuthority: partial.callAuthority,
		capabilityTtlMs: partial.capabilityTtlMs ?? 7 * 24 * 3600_000,
		sessionTtlMs: partial.sessionTtlMs ?? 8 * 3600_000,
		log,
		witness: partial.witness,
		jobs: partial.jobs ?? new JobDrainer(storage, { now, log }),
		formPdf: partial.formPdf ?? inThreadFormPdf
	};
	deps.jobs.register(SUBMISSION_JOB, submissionJobHandler(deps));
	return deps;
}

export function mountApi(app: Hono, deps: CoreDeps, version: string): void {
	app.use('/api/*', requestLog(deps.log));
	mountRoutes(app, apiRoutes(version), deps);
}
