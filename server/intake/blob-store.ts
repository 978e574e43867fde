import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, link, mkdir, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where verified blobs (photos, recordings) live, content-addressed by sha256. The file store is
 * the default; an S3-compatible store implements the same interface (with `@tus/s3-store` for
 * the uploads in progress).
 */
export interface BlobStore {
	/** Size of a stored blob, or `null` when absent. */
	stat(sha256: string): Promise<{ bytes: number } | null>;
	/** Adopts a local file already verified to hash to `sha256` (the source may be removed). */
	adopt(path: string, sha256: string): Promise<void>;
	read(sha256: string): Readable;
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Blobs as files under `dir/sha256/ab/abcd…` (`DATA_DIR/blobs` by default). */
export class FileBlobStore implements BlobStore {
	constructor(readonly dir: string) {}

	private path(sha256: string): string {
		if (!SHA256_HEX.test(sha256)) throw new Error('not a sha256');
		return join(this.dir, 'sha256', sha256.slice(0, 2), sha256);
	}

	async stat(sha256: string): Promise<{ bytes: number } | null> {
		try {
			return { bytes: (await stat(this.path(sha256))).size };
		} catch {
			return null;
		}
	}

	async adopt(path: string, sha256: string): Promise<void> {
		const target = this.path(sha256);
		await mkdir(dirname(target), { recursive: true });
		try {
			await link(path, target); // atomic: the blob appears whole or not at all
		} catch (err) {
			const code = (err as NodeJS.ErrnoException).code;
			if (code === 'EXDEV') {
				await copyFile(path, `${target}.part`);
				await rename(`${target}.part`, target);
			} else if (code !== 'EEXIST') throw err; // same content already stored
		}
	}

	read(sha256: string): Readable {
		return createReadStream(this.path(sha256));
	}
}

/** Streams a file through sha256. */
export function hashFile(path: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const h = createHash('sha256');
		createReadStream(path)
			.on('data', (d) => h.update(d))
			.on('error', reject)
			.on('end', () => resolve(h.digest('hex')));
	});
}

/** Removes a file, ignoring "already gone". */
export async function removeFile(path: string): Promise<void> {
	await unlink(path).catch(() => undefined);
}
