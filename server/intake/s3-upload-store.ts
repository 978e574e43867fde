import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
	DeleteObjectsCommand,
	GetObjectCommand,
	ListObjectsV2Command,
	PutObjectCommand,
	type S3Client
} from '@aws-sdk/client-s3';
import { DataStore, ERRORS, Upload } from '@tus/server';

/** Where the bucket is: the blob store's client, bucket and key prefix. */
export interface S3UploadStoreConfig {
	client: S3Client;
	bucket: string;
	prefix: string;
	/** Local scratch space: a PATCH body is spooled here before it is put, a finished upload joined. */
	scratchDir: string;
	expirationPeriodInMilliseconds: number;
}

interface Info {
	size?: number | undefined;
	metadata?: Record<string, string | null> | undefined;
	creation_date?: string | undefined;
}

/** Part keys carry their offset zero-padded, so the bucket lists them in byte order. */
const OFFSET_DIGITS = 15;

/**
 * tus uploads in progress kept in the S3 bucket, so any instance can answer HEAD and PATCH for an
 * upload another instance created (scale-out, issue #16). Each upload is a folder
 * `prefix + uploads/<id>/`: `info.json` (length, metadata, creation date) and one object per PATCH,
 * `part-<offset>`. The offset is the end of the contiguous parts from 0, found by listing, so
 * nothing needs a read-modify-write. Plain PutObject and ListObjectsV2 only: S3 multipart would
 * need `ListParts`, which no S3 server installable offline here implements (see the README).
 */
export class S3UploadStore extends DataStore {
	constructor(private readonly config: S3UploadStoreConfig) {
		super();
		this.extensions = ['creation', 'creation-with-upload', 'creation-defer-length', 'termination'];
		if (config.expirationPeriodInMilliseconds > 0) this.extensions.push('expiration');
	}

	private folder(id: string): string {
		return `${this.config.prefix}uploads/${id}/`;
	}

	override async create(upload: Upload): Promise<Upload> {
		const info: Info = {
			size: upload.size,
			metadata: upload.metadata,
			creation_date: upload.creation_date
		};
		await this.put(`${this.folder(upload.id)}info.json`, Buffer.from(JSON.stringify(info)));
		return upload;
	}

	override async write(readable: Readable, id: string, offset: number): Promise<number> {
		// Spool the body to disk first: PutObject needs a length, and a dropped connection must
		// still keep what arrived (as tus's file store does), so the device resumes from there.
		await mkdir(this.config.scratchDir, { recursive: true });
		const spool = join(this.config.scratchDir, `${id}.${offset}.part`);
		let failed: unknown;
		try {
			await pipeline(readable, createWriteStream(spool));
		} catch (err) {
			failed = err;
		}
		try {
			const { size } = await stat(spool);
			if (size > 0) await this.put(this.partKey(id, offset), createReadStream(spool), size);
			if (failed) throw ERRORS.FILE_WRITE_ERROR;
			return offset + size;
		} finally {
			await rm(spool, { force: true });
		}
	}

	override async getUpload(id: string): Promise<Upload> {
		const info = await this.info(id);
		const { offset } = await this.parts(id);
		return new Upload({ id, offset, ...info });
	}

	override async declareUploadLength(id: string, length: number): Promise<void> {
		const info = await this.info(id);
		info.size = length;
		await this.put(`${this.folder(id)}info.json`, Buffer.from(JSON.stringify(info)));
	}

	override async remove(id: string): Promise<void> {
		const keys = await this.list(this.folder(id));
		if (keys.length === 0) throw ERRORS.FILE_NOT_FOUND;
		await this.config.client.send(
			new DeleteObjectsCommand({
				Bucket: this.config.bucket,
				Delete: { Objects: keys.map((k) => ({ Key: k.key })), Quiet: true }
			})
		);
	}

	/** Joins the parts of an upload into one local file (for hashing and adoption); its path. */
	async materialise(id: string): Promise<string> {
		await mkdir(this.config.scratchDir, { recursive: true });
		const path = join(this.config.scratchDir, id);
		const out = createWriteStream(path);
		try {
			for (const part of (await this.parts(id)).keys) {
				const res = await this.config.client.send(
					new GetObjectCommand({ Bucket: this.config.bucket, Key: part })
				);
				await pipeline(res.Body as Readable, out, { end: false });
			}
		} finally {
			await new Promise<void>((resolve) => out.end(resolve));
		}
		return path;
	}

	override async deleteExpired(): Promise<number> {
		const ttl = this.getExpiration();
		if (ttl <= 0) return 0;
		const ids = new Set(
			(await this.list(`${this.config.prefix}uploads/`)).map((k) => k.key.split('/').at(-2) ?? '')
		);
		let deleted = 0;
		for (const id of ids) {
			const upload = await this.getUpload(id).catch(() => undefined);
			if (!upload?.creation_date || upload.size === upload.offset) continue;
			if (Date.parse(upload.creation_date) + ttl < Date.now()) {
				await this.remove(id).catch(() => undefined);
				deleted++;
			}
		}
		return deleted;
	}

	override getExpiration(): number {
		return this.config.expirationPeriodInMilliseconds;
	}

	private partKey(id: string, offset: number): string {
		return `${this.folder(id)}part-${String(offset).padStart(OFFSET_DIGITS, '0')}`;
	}

	/** The parts that make a contiguous run from byte 0, in order, and where that run ends. */
	private async parts(id: string): Promise<{ keys: string[]; offset: number }> {
		const prefix = `${this.folder(id)}part-`;
		const all = (await this.list(prefix)).sort((a, b) => a.key.localeCompare(b.key));
		const keys: string[] = [];
		let offset = 0;
		for (const part of all) {
			const start = Number(part.key.slice(prefix.length));
			// A part that starts before the run's end is a resent chunk: only its tail counts, which
			// a byte-exact join cannot express, so tus's own offset check keeps that from happening.
			if (start !== offset) break;
			keys.push(part.key);
			offset += part.size;
		}
		return { keys, offset };
	}

	private async info(id: string): Promise<Info> {
		try {
			const res = await this.config.client.send(
				new GetObjectCommand({ Bucket: this.config.bucket, Key: `${this.folder(id)}info.json` })
			);
			return JSON.parse(
				await (res.Body as { transformToString(): Promise<string> }).transformToString()
			) as Info;
		} catch (err) {
			const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
			if (e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404)
				throw ERRORS.FILE_NOT_FOUND;
			throw err;
		}
	}

	private async list(prefix: string): Promise<{ key: string; size: number }[]> {
		const out: { key: string; size: number }[] = [];
		let token: string | undefined;
		do {
			const res = await this.config.client.send(
				new ListObjectsV2Command({
					Bucket: this.config.bucket,
					Prefix: prefix,
					ContinuationToken: token
				})
			);
			for (const o of res.Contents ?? []) if (o.Key) out.push({ key: o.Key, size: o.Size ?? 0 });
			token = res.IsTruncated ? res.NextContinuationToken : undefined;
		} while (token);
		return out;
	}

	private async put(key: string, body: Buffer | Readable, length?: number): Promise<void> {
		await this.config.client.send(
			new PutObjectCommand({
				Bucket: this.config.bucket,
				Key: key,
				Body: body,
				ContentLength: length ?? (body as Buffer).length,
				ContentType: 'application/octet-stream'
			})
		);
	}
}
