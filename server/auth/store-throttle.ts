/**
 * The throttle of {@link Throttle}'s contract kept in the database (`throttle_events`), so limits
 * hold across restarts and across every instance behind a load balancer. Keys (usernames, client
 * addresses) are stored as sha256 only. Old events are pruned as new ones arrive.
 */
import { createHash, randomUUID } from 'node:crypto';
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Database } from '../storage/schema.ts';
import type { FailureThrottle, ThrottleClaim } from './throttle.ts';

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

export class StoreThrottle implements FailureThrottle {
	#writes = 0;
	readonly #postgres: boolean;

	constructor(
		private readonly db: Kysely<Database>,
		/** Separates throttles sharing the table, e.g. `login`, `create`. */
		readonly scope: string,
		readonly limit: number,
		readonly windowMs: number,
		private readonly now: () => number = Date.now
	) {
		this.#postgres = db.getExecutor().adapter instanceof PostgresAdapter;
	}

	async blocked(key: string): Promise<number> {
		const since = new Date(this.now() - this.windowMs).toISOString();
		const recent = await this.db
			.selectFrom('throttle_events')
			.select('at')
			.where('scope', '=', this.scope)
			.where('key_hash', '=', hashKey(key))
			.where('at', '>', since)
			.orderBy('at', 'desc')
			.limit(this.limit)
			.execute();
		if (recent.length < this.limit) return 0;
		const oldest = Date.parse(recent[recent.length - 1]!.at);
		return Math.max(0, oldest + this.windowMs - this.now());
	}

	async fail(key: string): Promise<void> {
		await this.record(key, randomUUID());
		await this.maybePrune();
	}

	/**
	 * Counts and inserts in one transaction, under a PostgreSQL advisory lock on the key (SQLite
	 * runs one transaction at a time anyway): of any burst, on any number of instances, exactly
	 * the first `limit` are granted. Short — the password check runs after the claim.
	 */
	async claim(key: string): Promise<ThrottleClaim> {
		const id = randomUUID();
		const hash = hashKey(key);
		const since = new Date(this.now() - this.windowMs).toISOString();
		const granted = await this.db.transaction().execute(async (trx) => {
			if (this.#postgres)
				await sql`SELECT pg_advisory_xact_lock(hashtext(${`${this.scope}:${hash}`}))`.execute(trx);
			const recent = await trx
				.selectFrom('throttle_events')
				.select('id')
				.where('scope', '=', this.scope)
				.where('key_hash', '=', hash)
				.where('at', '>', since)
				.limit(this.limit)
				.execute();
			if (recent.length >= this.limit) return false;
			await this.record(key, id, trx);
			return true;
		});
		if (granted) await this.maybePrune();
		if (!granted) return { waitMs: Math.max(1, await this.blocked(key)), release: async () => {} };
		return {
			waitMs: 0,
			release: async () => {
				await this.db.deleteFrom('throttle_events').where('id', '=', id).execute();
			}
		};
	}

	private async record(key: string, id: string, db = this.db): Promise<void> {
		await db
			.insertInto('throttle_events')
			.values({
				id,
				scope: this.scope,
				key_hash: hashKey(key),
				at: new Date(this.now()).toISOString()
			})
			.execute();
	}

	/** Every 100th write prunes (outside any transaction: SQLite has one connection). */
	private async maybePrune(): Promise<void> {
		if (++this.#writes % 100 === 0) await this.prune();
	}

	async reset(key: string): Promise<void> {
		await this.db
			.deleteFrom('throttle_events')
			.where('scope', '=', this.scope)
			.where('key_hash', '=', hashKey(key))
			.execute();
	}

	/** Deletes this scope's events older than the window. */
	async prune(): Promise<void> {
		await this.db
			.deleteFrom('throttle_events')
			.where('scope', '=', this.scope)
			.where('at', '<=', new Date(this.now() - this.windowMs).toISOString())
			.execute();
	}
}
