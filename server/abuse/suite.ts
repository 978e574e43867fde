/**
 * The abuse target as a test suite's fixture, for the tests that attack the whole app on each
 * storage backend (`server/abuse/`, `server/access/`). Test-only: it registers vitest hooks.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import type { Storage } from '../storage/index.ts';
import { abuseTarget, type Target } from './target.ts';

/**
 * Registers, in the calling `describe`, a `beforeAll` that opens a storage and builds the
 * {@link Target} on it, and an `afterAll` that closes the storage and removes the target's
 * directory. Returns the target, filled in once `beforeAll` has run (use it inside tests and
 * later hooks only).
 *
 * @example
 * describe.each(backends())('… on $kind', ({ open }) => {
 *   const t = abuseSuite(open);
 *   it('…', async () => expect((await t.h.app.request('/api/health')).status).toBe(200));
 * });
 */
export function abuseSuite(open: () => Promise<Storage>): Target {
	const t = {} as Target;
	beforeAll(async () => {
		Object.assign(t, await abuseTarget(await open()));
	}, 60_000);
	afterAll(async () => {
		await t.storage?.close();
		if (t.dir) rmSync(t.dir, { recursive: true, force: true });
	});
	return t;
}
