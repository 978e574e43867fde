/**
 * Two instances started at the same moment on one empty PostgreSQL database (a deployment that
 * brings every replica up at once): both open the storage (the migrations run once, under
 * Kysely's migration lock), agree on the installation id and the VAPID keys, and exactly one of
 * them creates the demo staff — the other neither crashes on the unique usernames nor prints a
 * second set of passwords. PostgreSQL only; skipped loudly without it.
 */
import { describe, expect, it } from 'vitest';
import { seedDemoStaff } from '../auth/demo-seed.ts';
import { ensureVapidKeys } from '../bookings/push.ts';
import { generateKey, parseKey, PiiCipher } from '../security/pii.ts';
import { instanceId } from '../storage/meta.ts';
import { backends } from '../storage/test-databases.ts';

const pg = backends().find((b) => b.kind === 'postgres');
if (!pg) console.log('[first-start] SKIPPING: PostgreSQL did not start');

describe.skipIf(!pg)('two instances starting at once on one empty database', () => {
	it('both come up; one creates the demo staff; they share the instance id and VAPID keys', async () => {
		const cipher = new PiiCipher(parseKey(generateKey(), 'test'));
		for (let round = 0; round < 3; round++) {
			const [a, b] = await pg!.openTwoAtOnce!();
			try {
				const [idA, idB] = await Promise.all([instanceId(a.db), instanceId(b.db)]);
				expect(idA).toBe(idB);
				const seeded = await Promise.all([
					seedDemoStaff(a.db, 'first-start-pw'),
					seedDemoStaff(b.db, 'first-start-pw')
				]);
				expect(seeded.filter((s) => s !== null)).toHaveLength(1);
				const staff = await a.db.selectFrom('staff').select(['username', 'role']).execute();
				expect(staff.map((s) => s.username).sort()).toEqual(['admin', 'agent', 'reviewer']);
				const [keysA, keysB] = await Promise.all([
					ensureVapidKeys(a.db, cipher),
					ensureVapidKeys(b.db, cipher)
				]);
				expect(keysA).toEqual(keysB);
				// A later start of either finds everything made and creates nothing.
				expect(await seedDemoStaff(b.db, 'first-start-pw')).toBeNull();
			} finally {
				await Promise.all([a.close(), b.close()]);
			}
		}
	}, 120_000);
});
