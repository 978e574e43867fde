/**
 * Registry verification with rate limits: per ID number (failed attempts in 24 h) and per client
 * (queries per hour). Repeated failures for one ID number route to manual review instead of
 * letting anyone guess names against numbers. Attempts are stored by blind index, never in clear.
 */
import type { CoreDeps } from '../deps.ts';
import {
	classify,
	RegistryUnavailableError,
	type RegistryQuery,
	type RegistryResult
} from './types.ts';

export const MAX_FAILURES_PER_ID = 3;
export const ID_WINDOW_MS = 24 * 3600_000;
export const MAX_QUERIES_PER_CLIENT = 30;
export const CLIENT_WINDOW_MS = 3600_000;

export type VerifyOutcome =
	| { kind: 'result'; result: RegistryResult; route: 'pass' | 'manual' | 'fail' }
	/** Too many failures for this ID number: a human decides. */
	| { kind: 'locked' }
	/** This client asked too often: refuse (HTTP 429). */
	| { kind: 'client_limited' }
	/** The provider is down: a human decides (or the customer retries later). */
	| { kind: 'unavailable' };

export async function verifyWithLimits(
	deps: Pick<CoreDeps, 'storage' | 'cipher' | 'registry' | 'now'>,
	client: string,
	q: RegistryQuery
): Promise<VerifyOutcome> {
	const db = deps.storage.db;
	const now = deps.now();
	const idIndex = deps.cipher.blindIndex(q.idNumber);
	const clientCount = await db
		.selectFrom('registry_attempts')
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.where('client', '=', client)
		.where('at', '>', new Date(now.getTime() - CLIENT_WINDOW_MS).toISOString())
		.executeTakeFirstOrThrow();
	if (Number(clientCount.n) >= MAX_QUERIES_PER_CLIENT) return { kind: 'client_limited' };
	const failures = await db
		.selectFrom('registry_attempts')
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.where('id_index', '=', idIndex)
		.where('ok', '=', 0)
		.where('at', '>', new Date(now.getTime() - ID_WINDOW_MS).toISOString())
		.executeTakeFirstOrThrow();
	if (Number(failures.n) >= MAX_FAILURES_PER_ID) return { kind: 'locked' };
	let result: RegistryResult;
	try {
		result = await deps.registry.verify(q);
	} catch (err) {
		if (err instanceof RegistryUnavailableError) return { kind: 'unavailable' };
		throw err;
	}
	const route = classify(result.code);
	await db
		.insertInto('registry_attempts')
		.values({
			id: crypto.randomUUID(),
			id_index: idIndex,
			client,
			ok: route === 'fail' ? 0 : 1,
			at: now.toISOString()
		})
		.execute();
	return { kind: 'result', result, route };
}
