import type { Hono } from 'hono';
import { z } from 'zod';
import { ApiError } from '../http/errors.ts';
import type { PiiCipher } from '../security/pii.ts';
import type { Storage } from '../storage/index.ts';
import { SHA256_HEX, type BlobStore } from './blob-store.ts';
import { checkCapturedBy, STAFF_CAPTURED_KINDS } from './captured-by.ts';
import { storeRecord } from './records-store.ts';

/** Header a replayed answer carries, so clients (and tests) can tell it from the first. */
export const REPLAYED_HEADER = 'Idempotent-Replayed';

const blobSchema = z.object({
	sha256: z.string().regex(SHA256_HEX),
	bytes: z.number().int().nonnegative(),
	type: z.string().max(128),
	/**
	 * A display name (`id-front.jpg`, `answer-2.webm`), never a path: letters, digits, space and
	 * `._()-`, not starting with a dot, no `..` — so no traversal, plain or encoded.
	 */
	name: z
		.string()
		.max(128)
		.regex(/^(?!.*\.\.)[\p{L}\p{N}][\p{L}\p{N} ._()-]*$/u, 'a file name, not a path')
		.optional()
});

export const recordSchema = z.object({
	id: z.uuid(),
	idempotencyKey: z.string().min(16).max(128),
	kind: z.string().regex(/^[a-z0-9-]{1,64}$/),
	payload: z.record(z.string(), z.unknown()),
	blobs: z.array(blobSchema).max(32)
});

/**
 * `POST /api/records`: stores a device's final record by its client id + idempotency key.
 * 201 with a receipt; a replay gets the same receipt (200, `Idempotent-Replayed: true`); the same
 * key with a different payload, or the same id under another key, gets 409. Every blob the
 * record names must already have been uploaded (tus) and verified, else 422 with the missing
 * hashes in `details.missingBlobs` so the device uploads them again.
 *
 * The payload is stored sealed with `cipher` (it is PII: names, ID numbers).
 *
 * `GET /api/blobs/:sha256`: `{ sha256, bytes }` when a verified blob is stored (404 otherwise), so
 * a device skips re-uploading it. Never the content: blobs are PII.
 */
export function mountRecords(
	app: Hono,
	storage: Storage,
	blobs: BlobStore,
	cipher: PiiCipher
): void {
	app.post('/api/records', async (c) => {
		const raw: unknown = await c.req.json().catch(() => {
			throw new ApiError(400, 'bad_request', 'Body must be JSON / 请求内容必须是 JSON');
		});
		const parsed = recordSchema.safeParse(raw);
		if (!parsed.success) {
			throw new ApiError(422, 'validation_failed', 'Invalid record / 记录格式无效', {
				issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
			});
		}
		const rec = parsed.data;
		if (STAFF_CAPTURED_KINDS.includes(rec.kind)) await checkCapturedBy(c, storage, rec.payload);
		const missingBlobs: string[] = [];
		for (const b of rec.blobs) {
			const found = await blobs.stat(b.sha256);
			if (!found || found.bytes !== b.bytes) missingBlobs.push(b.sha256);
		}
		if (missingBlobs.length > 0) {
			throw new ApiError(422, 'validation_failed', 'Files not uploaded yet / 文件尚未上传', {
				missingBlobs
			});
		}
		const outcome = await storeRecord(storage.db, cipher, rec);
		if (outcome.status === 'conflict') {
			throw new ApiError(
				409,
				'conflict',
				outcome.reason === 'id_reused'
					? 'This record id was already used for another record / 该记录编号已被使用'
					: 'This idempotency key was already used with different content / 该幂等键已用于不同内容',
				{ reason: outcome.reason }
			);
		}
		if (outcome.status === 'replayed') c.header(REPLAYED_HEADER, 'true');
		return c.json(outcome.receipt, outcome.status === 'created' ? 201 : 200);
	});

	app.get('/api/blobs/:sha256', async (c) => {
		const sha256 = c.req.param('sha256');
		const found = SHA256_HEX.test(sha256) ? await blobs.stat(sha256) : null;
		if (!found) throw new ApiError(404, 'not_found', 'No such blob / 文件不存在');
		return c.json({ sha256, bytes: found.bytes });
	});
}
