import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { FileStore } from '@tus/file-store';
import { Server as TusServer } from '@tus/server';
import type { Hono } from 'hono';
import { errorBody, type ErrorCode } from '../http/errors.ts';
import { hashFile, removeFile, SHA256_HEX, type BlobStore } from './blob-store.ts';
import type { Intake } from './index.ts';
import { S3BlobStore } from './s3-blob-store.ts';
import { S3UploadStore } from './s3-upload-store.ts';
import { advertiseChecksum, checkChunk } from './checksum.ts';
import { logLine } from '../logging/log.ts';

/** Where tus uploads are mounted; the API body limit does not apply below it. */
export const UPLOADS_PATH = '/api/uploads';
/** Largest single blob accepted (a long witness recording). */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

/** What tus's default naming function (`Uid.rand`) makes: 16 random bytes in hex. */
const UPLOAD_ID = /^[0-9a-f]{32}$/;

/** tus status for "Checksum Mismatch" (tus 1.0 checksum extension). */
const CHECKSUM_MISMATCH = 460;

const fail = (status_code: number, code: ErrorCode, message: string) => ({
	status_code,
	body: JSON.stringify(errorBody(code, message))
});

/**
 * Resumable uploads (tus 1.0: core, creation, termination, expiration, and checksum — per-PATCH
 * `Upload-Checksum`, sha1 or sha256, `checksum.ts`) with `@tus/server` and its
 * file store under `uploadsDir`. Each upload declares `sha256` in its `Upload-Metadata`; on
 * completion the server hashes what it received, and only a match is adopted into the
 * {@link BlobStore}. A mismatch answers 460 and discards the upload. Offsets live on disk, so an
 * upload resumes after a client reload or a server restart. An unfinished upload expires
 * `intake.uploadTtlMs` after its creation (tus expiration: `Upload-Expires`, 410 afterwards); the
 * server's own sweep (`upload-sweep.ts`) deletes what expired.
 */
export function mountUploads(app: Hono, intake: Intake): void {
	const server = tusServerFor(intake);
	const handle = async (c: { req: { raw: Request; path: string } }) => {
		// Upload ids are 32 hex digits (tus `Uid.rand`). Anything else — `..`, `%2e%2e`, `<id>.json`
		// (FileStore's metadata file of an upload) — never reaches the file store.
		if (c.req.path !== UPLOADS_PATH && !UPLOAD_ID.test(c.req.path.slice(UPLOADS_PATH.length + 1)))
			return new Response(JSON.stringify(errorBody('not_found', 'No such upload / 上传不存在')), {
				status: 404,
				headers: { 'content-type': 'application/json', 'Tus-Resumable': '1.0.0' }
			});
		const checked = await checkChunk(c.req.raw);
		if (checked instanceof Response) return checked;
		const res = await server.handleWeb(checked);
		return checked.method === 'OPTIONS' ? advertiseChecksum(res) : inErrorShape(res);
	};
	app.all(UPLOADS_PATH, handle);
	app.all(`${UPLOADS_PATH}/*`, handle);
}

const TUS_ERROR_CODES: Partial<Record<number, ErrorCode>> = {
	403: 'forbidden',
	404: 'not_found',
	409: 'conflict',
	410: 'not_found',
	413: 'payload_too_large',
	460: 'conflict'
};

/**
 * tus answers its protocol errors in plain text ("Invalid upload-offset"); the API has one error
 * shape, so those become `{ error: { code, message } }` with the same status and tus headers.
 */
async function inErrorShape(res: Response): Promise<Response> {
	if (res.status < 400 || (res.headers.get('content-type') ?? '').includes('application/json'))
		return res;
	// A 5xx text may name server paths ("ENOENT … lstat '/data/…'"): never pass it on.
	const text =
		res.status >= 500
			? 'Upload failed on the server'
			: (await res.text()).trim() || res.statusText || 'Upload request refused';
	const headers = new Headers(res.headers);
	headers.set('content-type', 'application/json');
	headers.delete('content-length');
	const code = TUS_ERROR_CODES[res.status] ?? (res.status >= 500 ? 'internal' : 'bad_request');
	return new Response(JSON.stringify(errorBody(code, `${text} / 上传请求无效`)), {
		status: res.status,
		headers
	});
}

/** One tus server (and one upload lock table) per blob store, however many apps mount it. */
const servers = new WeakMap<BlobStore, TusServer>();

/** The tus server of an intake (created on first use; shared by every app and the sweep). */
export function tusServerFor(intake: Intake): TusServer {
	let tus = servers.get(intake.blobs);
	if (!tus) {
		tus = createTusServer(intake);
		servers.set(intake.blobs, tus);
	}
	return tus;
}

/**
 * Uploads in progress on this server's disk (tus's file store), or in the S3 bucket when the
 * intake asks for it (several instances); `joined` gives a finished upload as one local file.
 */
function uploadStore(intake: Intake): {
	datastore: FileStore | S3UploadStore;
	joined: (id: string) => Promise<string>;
} {
	const { blobs, uploadsDir, uploadTtlMs } = intake;
	// FileStore creates its directory without `recursive` and does not await it: do it first.
	mkdirSync(uploadsDir, { recursive: true });
	if (intake.uploadsInBucket && blobs instanceof S3BlobStore) {
		const datastore = new S3UploadStore({
			client: blobs.client,
			bucket: blobs.bucket,
			prefix: blobs.prefix,
			scratchDir: uploadsDir,
			expirationPeriodInMilliseconds: uploadTtlMs
		});
		return { datastore, joined: (id) => datastore.materialise(id) };
	}
	const datastore = new FileStore({
		directory: uploadsDir,
		expirationPeriodInMilliseconds: uploadTtlMs
	});
	return { datastore, joined: (id) => Promise.resolve(join(uploadsDir, id)) };
}

function createTusServer(intake: Intake): TusServer {
	const { blobs } = intake;
	const { datastore, joined } = uploadStore(intake);
	const scratch = datastore instanceof S3UploadStore;
	return new TusServer({
		path: UPLOADS_PATH,
		datastore,
		relativeLocation: true,
		maxSize: MAX_UPLOAD_BYTES,
		async onUploadCreate(_req, upload) {
			const sha = upload.metadata?.sha256;
			if (!sha || !SHA256_HEX.test(sha)) {
				throw fail(400, 'bad_request', 'Upload-Metadata needs sha256 / 上传缺少 sha256');
			}
			return {};
		},
		async onUploadFinish(_req, upload) {
			const path = await joined(upload.id);
			try {
				const expected = upload.metadata?.sha256 ?? '';
				const actual = await hashFile(path);
				if (actual !== expected) {
					await datastore.remove(upload.id).catch(() => removeFile(path));
					throw fail(CHECKSUM_MISMATCH, 'conflict', 'Checksum mismatch / 文件校验失败');
				}
				await blobs.adopt(path, actual);
				await datastore.remove(upload.id).catch(() => undefined);
				return {};
			} finally {
				// The joined copy of a bucket upload is scratch; the file store's is its own file.
				if (scratch) await removeFile(path);
			}
		},
		onResponseError(_req, err) {
			const status = 'status_code' in err ? err.status_code : 500;
			// Log no bodies or metadata: they may carry names of files a customer captured.
			if (status >= 500) logLine({ level: 'error', msg: 'tus', status });
			return undefined;
		}
	});
}
