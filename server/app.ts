import { Hono } from 'hono';
import { coreDeps, mountApi } from './api.ts';
import type { CoreDeps } from './deps.ts';
import { mountClient, type ClientBuild } from './http/client.ts';
import { bufferedBody } from './http/body.ts';
import { durableWrites } from './http/durable-writes.ts';
import { ApiError, errorBody, onError } from './http/errors.ts';
import { setSecurityHeaders } from './http/security-headers.ts';
import { buildCsp, securityHeaders } from './security/csp.ts';
import type { Signalling } from './signalling/index.ts';
import { isUploadPath, mountIntake, type Intake } from './intake/index.ts';
import type { Storage } from './storage/index.ts';

/** What the app needs; `server/index.ts` builds it from the environment, tests build their own. */
export interface AppDeps {
	storage: Storage;
	version: string;
	/** The built client; omitted in API-only tests. */
	client?: ClientBuild | null;
	/** Server-core parts (cipher, registry, clock, log …); defaults fill in the rest. */
	core?: Partial<CoreDeps>;
	/** Video-witness signalling (PeerJS-compatible WebSocket); omitted in tests that do not need it. */
	signalling?: Signalling;
	/** Device records and resumable uploads (`server/intake/`); omitted in tests that skip them. */
	intake?: Intake;
}

/**
 * Default JSON body limit for API routes; upload routes set their own. 1.25 MiB: a liveness
 * attempt carries a frame (≤ 192 KiB), a clip (≤ 512 KiB) and the read-digits recording
 * (≤ 125 KiB), base64 in JSON.
 */
export const API_BODY_LIMIT = 1280 * 1024;

const JSON_TYPE = { 'content-type': 'application/json' } as const;

/**
 * Builds the Hono app (API + built client). Only `server/index.ts` opens a port.
 *
 * @example
 * const app = createApp({ storage, version: '0.1.0' });
 * const res = await app.request('/api/health'); // { ok: true, version: '0.1.0', storage: 'sqlite' }
 */
export function createApp(deps: AppDeps): Hono {
	const app = new Hono();
	const scriptHashes = deps.client?.scriptHashes ?? [];
	app.use('*', setSecurityHeaders(securityHeaders(buildCsp({ scriptHashes }))));
	app.use('/api/*', durableWrites(deps.storage));
	const apiBody = bufferedBody(API_BODY_LIMIT);
	// tus uploads stream tens of MB to disk; only they skip the JSON body limit. GET and HEAD have
	// no body a route reads.
	app.use('/api/*', (c, next) =>
		c.req.method === 'GET' || c.req.method === 'HEAD' || isUploadPath(c.req.path)
			? next()
			: apiBody(c, next)
	);

	// A trivial query proves the database answers, not just the process (compiled once); the
	// answer never changes, so its JSON is built once too.
	const healthQuery = deps.storage.db.selectFrom('server_meta').select('key').limit(1).compile();
	const health = JSON.stringify({ ok: true, version: deps.version, storage: deps.storage.kind });
	app.get('/api/health', async (c) => {
		await deps.storage.db.executeQuery(healthQuery);
		return c.body(health, 200, JSON_TYPE);
	});

	const core = coreDeps(deps.storage, {
		blobs: deps.intake?.blobs,
		callAuthority: deps.signalling?.authority,
		...deps.core
	});
	mountApi(app, core, deps.version);

	deps.signalling?.mount(app);
	if (deps.intake) mountIntake(app, deps.storage, deps.intake, core.cipher);
	if (deps.client) mountClient(app, deps.client);

	app.all('/api/*', (c) => {
		throw new ApiError(404, 'not_found', `No such endpoint: ${c.req.method} ${c.req.path}`);
	});
	// Returned, not thrown: a throw from notFound bypasses the middleware that sets the headers.
	app.notFound((c) => c.json(errorBody('not_found', 'Not found / 未找到'), 404));
	app.onError(onError);
	return app;
}
