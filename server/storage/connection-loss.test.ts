import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { backends } from './test-databases.ts';

const pg = backends().filter((b) => b.kind === 'postgres');

/** Ends every other connection to this database, as a database restart would. */
const terminateOthers = sql`SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
	WHERE datname = current_database() AND pid <> pg_backend_pid()`;

describe.each(pg)('storage on $kind when connections drop', ({ open }) => {
	it('survives idle connections being cut and answers the next query', async () => {
		const storage = await open();
		try {
			// Two idle connections in the pool.
			await Promise.all([sql`SELECT pg_sleep(0.05)`.execute(storage.db), sql`SELECT pg_sleep(0.05)`.execute(storage.db)]); // prettier-ignore
			const cut = await terminateOthers.execute(storage.db);
			expect((cut.rows[0] as { n: number }).n).toBeGreaterThanOrEqual(1);
			await new Promise((r) => setTimeout(r, 200));
			const after = await sql<{ one: number }>`SELECT 1 AS one`.execute(storage.db);
			expect(after.rows[0]?.one).toBe(1);
		} finally {
			await storage.close();
		}
	});

	it('fails the cut transaction, not the process, and recovers', async () => {
		const storage = await open();
		try {
			const trx = storage.db.transaction().execute(async (t) => {
				const pid = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(t);
				await sql`SELECT pg_terminate_backend(${pid.rows[0]!.pid})`.execute(storage.db);
				await new Promise((r) => setTimeout(r, 200));
				await sql`SELECT 1`.execute(t);
			});
			await expect(trx).rejects.toThrow();
			const after = await sql<{ one: number }>`SELECT 1 AS one`.execute(storage.db);
			expect(after.rows[0]?.one).toBe(1);
		} finally {
			await storage.close();
		}
	});
});
