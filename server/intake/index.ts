import { join } from 'node:path';
import type { Hono } from 'hono';
import type { PiiCipher } from '../security/pii.ts';
import type { Storage } from '../storage/index.ts';
import { FileBlobStore, type BlobStore } from './blob-store.ts';
import { S3BlobStore, type S3BlobConfig } from './s3-blob-store.ts';
import { mountRecords } from './records.ts';
import { mountUploads, UPLOADS_PATH } from './uploads.ts';
import { DEFAULT_UPLOAD_TTL_MS, uploadTtlMs } from './upload-sweep.ts';

export { UPLOADS_PATH } from './uploads.ts';
export { startUploadSweep, sweepExpiredUploads } from './upload-sweep.ts';
export type { BlobStore } from './blob-store.ts';
export type { S3BlobConfig } from './s3-blob-store.ts';

/** What intake needs besides storage: the blob store and a directory for uploads in progress. */
export interface Intake {
	blobs: BlobStore;
	uploadsDir: string;
	/** An unfinished upload is deleted this long after its creation (`KAIHU_UPLOAD_TTL_HOURS`). */
	uploadTtlMs: number;
	/**
	 * Keep uploads in progress in the S3 bucket too (the default with a bucket;
	 * `KAIHU_S3_UPLOADS=off` keeps them on this server's disk), so any instance can resume an
	 * upload another one started; `uploadsDir` is then only scratch space.
	 */
	uploadsInBucket?: boolean;
}

/** The default intake: blobs and partial uploads under `DATA_DIR/blobs`. */
export function fileIntake(dataDir: string, ttlMs = DEFAULT_UPLOAD_TTL_MS): Intake {
	const root = join(dataDir, 'blobs');
	return { blobs: new FileBlobStore(root), uploadsDir: join(root, 'uploads'), uploadTtlMs: ttlMs };
}

/**
 * Verified blobs in an S3-compatible bucket; uploads in progress in the bucket too when
 * `uploadsInBucket`, else under `DATA_DIR/uploads` (the server's disk: several instances then
 * need sticky routing of `/api/uploads/*` or a shared volume).
 */
export function s3Intake(
	dataDir: string,
	config: S3BlobConfig,
	ttlMs = DEFAULT_UPLOAD_TTL_MS,
	uploadsInBucket = false
): Intake {
	return {
		blobs: new S3BlobStore(config),
		uploadsDir: join(dataDir, 'uploads'),
		uploadTtlMs: ttlMs,
		uploadsInBucket
	};
}

/**
 * The intake the environment asks for: S3 when `KAIHU_S3_BUCKET` is set (with `KAIHU_S3_ENDPOINT`,
 * `KAIHU_S3_REGION`, `KAIHU_S3_PREFIX`, `KAIHU_S3_ACCESS_KEY_ID` + `KAIHU_S3_SECRET_ACCESS_KEY`,
 * `KAIHU_S3_FORCE_PATH_STYLE`; uploads in progress are kept there too unless `KAIHU_S3_UPLOADS=off`), else the data directory. Unfinished uploads live
 * `KAIHU_UPLOAD_TTL_HOURS` (default 24).
 */
export function intakeFromEnv(dataDir: string, env: NodeJS.ProcessEnv = process.env): Intake {
	const bucket = env.KAIHU_S3_BUCKET;
	const ttlMs = uploadTtlMs(env);
	if (!bucket) return fileIntake(dataDir, ttlMs);
	const id = env.KAIHU_S3_ACCESS_KEY_ID;
	const secret = env.KAIHU_S3_SECRET_ACCESS_KEY;
	if (!id !== !secret) {
		throw new Error('set both KAIHU_S3_ACCESS_KEY_ID and KAIHU_S3_SECRET_ACCESS_KEY, or neither');
	}
	const pathStyle = env.KAIHU_S3_FORCE_PATH_STYLE;
	return s3Intake(
		dataDir,
		{
			bucket,
			prefix: env.KAIHU_S3_PREFIX ?? '',
			endpoint: env.KAIHU_S3_ENDPOINT || undefined,
			region: env.KAIHU_S3_REGION || undefined,
			credentials: id && secret ? { accessKeyId: id, secretAccessKey: secret } : undefined,
			forcePathStyle:
				pathStyle === undefined ? undefined : pathStyle === 'true' || pathStyle === '1'
		},
		ttlMs,
		!isOff(env.KAIHU_S3_UPLOADS)
	);
}

const isOff = (v: string | undefined) => v === 'off' || v === 'false' || v === '0';

/** True for paths whose bodies are streamed uploads (exempt from the JSON body limit). */
export function isUploadPath(path: string): boolean {
	return path === UPLOADS_PATH || path.startsWith(`${UPLOADS_PATH}/`);
}

export { readRecordPayload } from './record-payload.ts';

/**
 * Mounts `POST /api/records`, `HEAD /api/blobs/:sha256` and the tus endpoint. Record payloads are
 * sealed with `cipher` (the same one the core routes use, so ingests can read them).
 */
export function mountIntake(app: Hono, storage: Storage, intake: Intake, cipher: PiiCipher): void {
	mountRecords(app, storage, intake.blobs, cipher);
	mountUploads(app, intake);
}
