/**
 * An answer to a state-changing API request (anything but GET/HEAD) is sent only once the
 * commits behind it would survive a power loss (`Storage.durable()`, see
 * `storage/durability.ts`): a device deletes a record from its outbox on the 201, so the row must
 * not be lost afterwards. A failed sync makes the answer a 500, never a false success.
 */
import type { MiddlewareHandler } from 'hono';
import type { Storage } from '../storage/index.ts';

export function durableWrites(storage: Pick<Storage, 'durable'>): MiddlewareHandler {
	return async function durableWritesMiddleware(c, next) {
		await next();
		if (c.req.method !== 'GET' && c.req.method !== 'HEAD') await storage.durable();
	};
}
