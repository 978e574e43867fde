import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { openStorage, type Storage } from '../storage/index.ts';
import { startTestS3, type TestS3 } from '../testing/s3-server.ts';
import { fileIntake, intakeFromEnv, UPLOADS_PATH, type Intake } from './index.ts';
import { S3BlobStore } from './s3-blob-store.ts';

/**
 * The blob-store contract, run on the local-directory store and on S3 (a real S3-compatible
 * server over HTTP): direct adopt/stat/read, and the whole path a device takes — tus upload,
 * verification, adoption, a resume on a "restarted" server, then a record naming the blob.
 */
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const b64 = (s: string) => Buffer.from(s).toString('base64');
const TUS = { 'Tus-Resumable': '1.0.0' };

let s3: TestS3;
let storage: Storage;
const dirs: string[] = [];
const tmp = () => {
	const d = mkdtempSync(join(tmpdir(), 'kaihu-contract-'));
	dirs.push(d);
	return d;
};

beforeAll(async () => {
	s3 = await startTestS3();
	storage = await openStorage({ dataDir: ':memory:' });
});
afterAll(async () => {
	await storage.close();
	await s3.close();
	for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const STORES: { name: string; make: (dataDir: string) => Intake }[] = [
	{ name: 'local directory', make: (d) => fileIntake(d) },
	{
		name: 'S3',
		make: (d) =>
			intakeFromEnv(d, {
				KAIHU_S3_BUCKET: s3.bucket,
				KAIHU_S3_ENDPOINT: s3.endpoint,
				KAIHU_S3_ACCESS_KEY_ID: s3.credentials.accessKeyId,
				KAIHU_S3_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
				// One prefix per data directory: a restarted server (same configuration) finds its
				// uploads in progress, which live in the bucket too.
				KAIHU_S3_PREFIX: `t${createHash('sha256').update(d).digest('hex').slice(0, 8)}/`
			})
	}
];

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
	const parts: Buffer[] = [];
	for await (const p of stream) parts.push(Buffer.from(p as Uint8Array));
	return Buffer.concat(parts);
}

describe.each(STORES)('blob store contract: $name', ({ name, make }) => {
	let dataDir: string;
	let intake: Intake;
	const app = (i = intake) => createApp({ storage, version: '0', intake: i });
	beforeAll(() => {
		dataDir = tmp();
		intake = make(dataDir);
	});

	it('is the store configuration asked for', () => {
		expect(intake.blobs instanceof S3BlobStore).toBe(name === 'S3');
	});

	it('adopts a verified file once, atomically; stat and read give it back', async () => {
		const data = randomBytes(70_000);
		const hash = sha(data);
		expect(await intake.blobs.stat(hash)).toBeNull();
		await expect(intake.blobs.read(hash)).rejects.toThrow();
		const file = join(tmp(), 'f');
		writeFileSync(file, data);
		await intake.blobs.adopt(file, hash);
		await intake.blobs.adopt(file, hash); // same content again: a no-op
		expect(await intake.blobs.stat(hash)).toEqual({ bytes: data.byteLength });
		expect(sha(await readAll(await intake.blobs.read(hash)))).toBe(hash);
		await expect(intake.blobs.stat('not-a-sha')).rejects.toThrow();
	});

	it('removes a blob (retention), and removing an absent one is no error', async () => {
		const data = randomBytes(1000);
		const hash = sha(data);
		const file = join(tmp(), 'g');
		writeFileSync(file, data);
		await intake.blobs.adopt(file, hash);
		await intake.blobs.remove(hash);
		expect(await intake.blobs.stat(hash)).toBeNull();
		await expect(intake.blobs.read(hash)).rejects.toThrow();
		await intake.blobs.remove(hash);
		await expect(intake.blobs.remove('../etc/passwd')).rejects.toThrow();
	});

	it('takes a tus upload in chunks, resumes on a restarted server, verifies, then a record names it', async () => {
		const data = new Uint8Array(randomBytes(2 * 1024 * 1024 + 33));
		const hash = sha(data);
		const created = await app().request(UPLOADS_PATH, {
			method: 'POST',
			headers: {
				...TUS,
				'Upload-Length': String(data.byteLength),
				'Upload-Metadata': `sha256 ${b64(hash)},filetype ${b64('video/webm')}`
			}
		});
		expect(created.status).toBe(201);
		const path = created.headers.get('location') ?? '';
		const patch = (a: ReturnType<typeof app>, offset: number, body: Uint8Array) =>
			a.request(path, {
				method: 'PATCH',
				headers: {
					...TUS,
					'Upload-Offset': String(offset),
					'Content-Type': 'application/offset+octet-stream'
				},
				body
			});
		const cut = 1_000_001;
		expect((await patch(app(), 0, data.subarray(0, cut))).status).toBe(204);
		expect(await intake.blobs.stat(hash)).toBeNull();
		// Restarted: a new app and store from the same configuration know the offset.
		const again = make(dataDir);
		const restarted = app(again);
		const head = await restarted.request(path, { method: 'HEAD', headers: TUS });
		expect(head.headers.get('upload-offset')).toBe(String(cut));
		expect((await patch(restarted, cut, data.subarray(cut))).status).toBe(204);
		expect(await again.blobs.stat(hash)).toEqual({ bytes: data.byteLength });
		expect(sha(await readAll(await again.blobs.read(hash)))).toBe(hash);

		const rec = await restarted.request('/api/records', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				id: crypto.randomUUID(),
				idempotencyKey: crypto.randomUUID(),
				kind: 'walk-in',
				payload: { n: 1 },
				blobs: [{ sha256: hash, bytes: data.byteLength, type: 'video/webm' }]
			})
		});
		expect(rec.status).toBe(201);
	});

	it('never adopts an upload whose bytes do not match its declared sha256', async () => {
		const data = new Uint8Array(randomBytes(4000));
		const wrong = sha(new Uint8Array([7]));
		const created = await app().request(UPLOADS_PATH, {
			method: 'POST',
			headers: {
				...TUS,
				'Upload-Length': String(data.byteLength),
				'Upload-Metadata': `sha256 ${b64(wrong)}`
			}
		});
		const res = await app().request(created.headers.get('location') ?? '', {
			method: 'PATCH',
			headers: { ...TUS, 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' },
			body: data
		});
		expect(res.status).toBe(460);
		expect(await intake.blobs.stat(wrong)).toBeNull();
		expect(await intake.blobs.stat(sha(data))).toBeNull();
	});
});

describe('intakeFromEnv', () => {
	it('is the data directory unless a bucket is configured, and wants both S3 keys or neither', () => {
		expect(intakeFromEnv('/x', {}).blobs instanceof S3BlobStore).toBe(false);
		// With a bucket, uploads in progress go there too (any instance resumes them) unless turned off.
		expect(intakeFromEnv('/x', { KAIHU_S3_BUCKET: 'b' }).uploadsInBucket).toBe(true);
		expect(
			intakeFromEnv('/x', { KAIHU_S3_BUCKET: 'b', KAIHU_S3_UPLOADS: 'off' }).uploadsInBucket
		).toBe(false);
		expect(() =>
			intakeFromEnv('/x', { KAIHU_S3_BUCKET: 'b', KAIHU_S3_ACCESS_KEY_ID: 'a' })
		).toThrow(/KAIHU_S3_SECRET_ACCESS_KEY/);
	});
});
