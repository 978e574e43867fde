import { stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import {
	DeleteObjectCommand,
	GetObjectCommand,
	HeadObjectCommand,
	PutObjectCommand,
	S3Client,
	type S3ClientConfig
} from '@aws-sdk/client-s3';
import { SHA256_HEX, type BlobStore } from './blob-store.ts';

/** Where an S3-compatible blob store is and how to reach it (see the README's table). */
export interface S3BlobConfig {
	bucket: string;
	/** Prepended to every key, e.g. `kaihu/`. */
	prefix?: string;
	/** A non-AWS endpoint (MinIO, Ceph RGW, a test server); implies path-style URLs. */
	endpoint?: string | undefined;
	region?: string | undefined;
	credentials?: { accessKeyId: string; secretAccessKey: string } | undefined;
	forcePathStyle?: boolean | undefined;
}

/**
 * Blobs as objects `prefix + sha256/ab/abcd…` in an S3-compatible bucket. `adopt` is one
 * PutObject (atomic on S3: the object appears whole or not at all) after a HeadObject that skips
 * content already stored. Uploads in progress stay on the server's disk (see `uploads.ts`).
 */
export class S3BlobStore implements BlobStore {
	readonly client: S3Client;
	readonly bucket: string;
	readonly prefix: string;

	constructor(config: S3BlobConfig) {
		this.bucket = config.bucket;
		this.prefix = config.prefix ?? '';
		const options: S3ClientConfig = {
			region: config.region ?? 'us-east-1',
			forcePathStyle: config.forcePathStyle ?? config.endpoint !== undefined,
			// Only what S3 requires: some S3-compatible servers reject the SDK's default trailing
			// checksums on streamed bodies. Integrity is ours anyway: every blob is hashed first.
			requestChecksumCalculation: 'WHEN_REQUIRED',
			responseChecksumValidation: 'WHEN_REQUIRED'
		};
		if (config.endpoint) options.endpoint = config.endpoint;
		if (config.credentials) options.credentials = config.credentials;
		this.client = new S3Client(options);
	}

	private key(sha256: string): string {
		if (!SHA256_HEX.test(sha256)) throw new Error('not a sha256');
		return `${this.prefix}sha256/${sha256.slice(0, 2)}/${sha256}`;
	}

	async stat(sha256: string): Promise<{ bytes: number } | null> {
		try {
			const head = await this.client.send(
				new HeadObjectCommand({ Bucket: this.bucket, Key: this.key(sha256) })
			);
			return { bytes: head.ContentLength ?? 0 };
		} catch (err) {
			if (isNotFound(err)) return null;
			throw err;
		}
	}

	async adopt(path: string, sha256: string): Promise<void> {
		if (await this.stat(sha256)) return; // same content already stored
		const { size } = await stat(path);
		await this.client.send(
			new PutObjectCommand({
				Bucket: this.bucket,
				Key: this.key(sha256),
				Body: createReadStream(path),
				ContentLength: size,
				ContentType: 'application/octet-stream'
			})
		);
	}

	async read(sha256: string): Promise<Readable> {
		const res = await this.client.send(
			new GetObjectCommand({ Bucket: this.bucket, Key: this.key(sha256) })
		);
		return res.Body as Readable;
	}

	async remove(sha256: string): Promise<void> {
		// S3 answers 204 for a key that does not exist: absent is not an error there either.
		await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.key(sha256) }));
	}
}

function isNotFound(err: unknown): boolean {
	const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
	return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
}
