/**
 * Idempotent submission: the client sends `Idempotency-Key`; the first successful result is stored
 * with the sha256 of the request body. A replay with the same body gets the stored result; a
 * replay with the same key and a different body gets 409.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { canonicalJson } from '../audit/canonical.ts';
import { ApiError } from '../http/errors.ts';
import type { Database } from '../storage/schema.ts';

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;

export function requestHash(body: unknown): string {
	return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

export function requireKey(header: string | undefined): string {
	if (!header || !IDEMPOTENCY_KEY.test(header))
		throw new ApiError(
			400,
			'bad_request',
			'Idempotency-Key header (8–128 of A-Z a-z 0-9 _ -) required / 需要幂等键'
		);
	return header;
}

/** The stored response for this key, or null; throws 409 when the key was used with another body. */
export async function replay(
	db: Kysely<Database>,
	applicationId: string,
	key: string,
	hash: string
): Promise<{ status: number; body: unknown } | null> {
	const row = await db
		.selectFrom('idempotency')
		.selectAll()
		.where('application_id', '=', applicationId)
		.where('key', '=', key)
		.executeTakeFirst();
	if (!row) return null;
	if (row.request_hash !== hash)
		throw new ApiError(
			409,
			'conflict',
			'Idempotency-Key reused with a different request / 幂等键与不同请求重复使用'
		);
	return { status: row.status, body: JSON.parse(row.response) };
}
