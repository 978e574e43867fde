import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, link, mkdir, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where verified blobs (photos, recordings) live, content-addressed by sha256: a local directory
 * ({@link FileBlobStore}, the default) or an S3-compatible bucket (`s3-blob-store.ts`). Both pass
 * the same contract tests (`blob-store.contract.test.ts`).
 */
export interface BlobStore {
	/** Size of a stored blob, or `null` when absent. */
	stat(sha256: string): Promise<{ bytes: number } | null>;
	/**
	 * Adopts a local file already verified to hash to `sha256` (the caller removes the source).
	 * Atomic: the blob appears whole or not at all. Adopting content already stored is a no-op.
	 */
	adopt(path: string, sha256: string): Promise<void>;
	/** The blob's bytes; rejects when absent. */
	read(sha256: string): Promise<Readable>;
	/** Deletes a blob (retention purges face media); absent is not an error. */
	remove(sha256: string): Promise<void>;
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
		const path = this.path(sha256);
		try {
			return { bytes: (await stat(path)).size };
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

	async read(sha256: string): Promise<Readable> {
		const path = this.path(sha256);
		await stat(path);
		return createReadStream(path);
	}

	async remove(sha256: string): Promise<void> {
		await removeFile(this.path(sha256));
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
