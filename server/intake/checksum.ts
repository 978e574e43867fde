import { createHash } from 'node:crypto';
import { errorBody } from '../http/errors.ts';

/**
 * The tus checksum extension in front of `@tus/server` (which lacks it): a PATCH carrying
 * `Upload-Checksum: <algorithm> <base64 digest>` is read whole (a chunk is at most a few MiB),
 * hashed, and passed on only when the digest matches — otherwise 460 and nothing is written, so
 * the client resends that chunk from the same offset. PATCHes without the header pass untouched
 * (the whole-file sha256 check on completion still applies to every upload).
 */
export const CHECKSUM_ALGORITHMS = ['sha1', 'sha256'] as const;
/** Largest checksummed PATCH body read into memory. */
export const MAX_CHECKSUM_CHUNK = 16 * 1024 * 1024;
const CHECKSUM_MISMATCH = 460;

const reply = (
	status: number,
	code: 'bad_request' | 'conflict' | 'payload_too_large',
	msg: string
) =>
	new Response(JSON.stringify(errorBody(code, msg)), {
		status,
		headers: { 'content-type': 'application/json', 'Tus-Resumable': '1.0.0' }
	});

/**
 * Verifies a PATCH's `Upload-Checksum`: the request to hand to tus (its body re-wrapped), or the
 * error response to send instead.
 */
export async function checkChunk(req: Request): Promise<Request | Response> {
	const header = req.headers.get('upload-checksum');
	if (req.method !== 'PATCH' || !header) return req;
	const [algorithm, digest, extra] = header.trim().split(/\s+/);
	if (!(CHECKSUM_ALGORITHMS as readonly string[]).includes(algorithm ?? '') || !digest || extra) {
		return reply(400, 'bad_request', 'Unsupported checksum algorithm / 不支持的校验算法');
	}
	const length = Number(req.headers.get('content-length') ?? NaN);
	if (length > MAX_CHECKSUM_CHUNK) {
		return reply(413, 'payload_too_large', 'Checksummed chunk too large / 分块过大');
	}
	let body: Uint8Array<ArrayBuffer>;
	try {
		const read = await readCapped(req, MAX_CHECKSUM_CHUNK);
		if (!read) return reply(413, 'payload_too_large', 'Checksummed chunk too large / 分块过大');
		body = read;
	} catch {
		// The client went away mid-chunk (offline, reload): nothing was written; it resumes later.
		return reply(400, 'bad_request', 'Upload interrupted / 上传中断');
	}
	const actual = createHash(algorithm!).update(body).digest('base64');
	if (actual !== digest) {
		return reply(CHECKSUM_MISMATCH, 'conflict', 'Chunk checksum mismatch / 分块校验失败');
	}
	return new Request(req, { body, duplex: 'half' } as RequestInit);
}

/**
 * Reads a body into memory, stopping (and cancelling the stream) once it passes `max` bytes: a
 * chunked body without Content-Length must not grow without bound. `null` when over the limit.
 */
async function readCapped(req: Request, max: number): Promise<Uint8Array<ArrayBuffer> | null> {
	const parts: Uint8Array[] = [];
	let total = 0;
	if (req.body) {
		const reader = req.body.getReader();
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			total += value.byteLength;
			if (total > max) {
				await reader.cancel();
				return null;
			}
			parts.push(value);
		}
	}
	const out = new Uint8Array(total);
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.byteLength;
	}
	return out;
}

/** Adds the checksum extension to tus's OPTIONS answer. */
export function advertiseChecksum(res: Response): Response {
	const headers = new Headers(res.headers);
	const ext = headers.get('tus-extension');
	if (ext) headers.set('tus-extension', `${ext},checksum`);
	headers.set('tus-checksum-algorithm', CHECKSUM_ALGORITHMS.join(','));
	return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}
