/**
 * The throttle of {@link Throttle}'s contract kept in the database (`throttle_events`), so limits
 * hold across restarts and across every instance behind a load balancer. Keys (usernames, client
 * addresses) are stored as sha256 only. Old events are pruned as new ones arrive.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.ts';
import type { FailureThrottle } from './throttle.ts';

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

export class StoreThrottle implements FailureThrottle {
	#writes = 0;

	constructor(
		private readonly db: Kysely<Database>,
		/** Separates throttles sharing the table, e.g. `login`, `create`. */
		readonly scope: string,
		readonly limit: number,
		readonly windowMs: number,
		private readonly now: () => number = Date.now
	) {}

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
		await this.db
			.insertInto('throttle_events')
			.values({
				id: randomUUID(),
				scope: this.scope,
				key_hash: hashKey(key),
				at: new Date(this.now()).toISOString()
			})
			.execute();
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
