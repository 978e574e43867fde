import { join } from 'node:path';
import type { Hono } from 'hono';
import type { Storage } from '../storage/index.ts';
import { FileBlobStore, type BlobStore } from './blob-store.ts';
import { mountRecords } from './records.ts';
import { mountUploads, UPLOADS_PATH } from './uploads.ts';

export { UPLOADS_PATH } from './uploads.ts';
export type { BlobStore } from './blob-store.ts';

/** What intake needs besides storage: the blob store and a directory for uploads in progress. */
export interface Intake {
	blobs: BlobStore;
	uploadsDir: string;
}

/** The default intake: blobs and partial uploads under `DATA_DIR/blobs`. */
export function fileIntake(dataDir: string): Intake {
	const root = join(dataDir, 'blobs');
	return { blobs: new FileBlobStore(root), uploadsDir: join(root, 'uploads') };
}

/** True for paths whose bodies are streamed uploads (exempt from the JSON body limit). */
export function isUploadPath(path: string): boolean {
	return path === UPLOADS_PATH || path.startsWith(`${UPLOADS_PATH}/`);
}

/** Mounts `POST /api/records`, `HEAD /api/blobs/:sha256` and the tus endpoint. */
export function mountIntake(app: Hono, storage: Storage, intake: Intake): void {
	mountRecords(app, storage, intake.blobs);
	mountUploads(app, intake.blobs, intake.uploadsDir);
}
