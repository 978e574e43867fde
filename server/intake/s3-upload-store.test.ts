/**
 * Uploads in progress kept in the bucket (`KAIHU_S3_UPLOADS=on`): a PATCH cut off mid-body keeps
 * what arrived (the device resumes from there), and the sweep deletes unfinished uploads past
 * their TTL from the bucket. Against a real S3 server (s3rver).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { openStorage, type Storage } from '../storage/index.ts';
import { startTestS3, type TestS3 } from '../testing/s3-server.ts';
import { s3Intake, sweepExpiredUploads, UPLOADS_PATH, type Intake } from './index.ts';

const TUS = { 'Tus-Resumable': '1.0.0' };
const SHA = 'ab'.repeat(32);

describe('tus uploads in the S3 bucket', () => {
	let s3: TestS3;
	let storage: Storage;
	let dir: string;
	const intakeWith = (ttlMs: number): Intake =>
		s3Intake(
			dir,
			{ bucket: s3.bucket, endpoint: s3.endpoint, credentials: s3.credentials },
			ttlMs,
			true
		);
	beforeAll(async () => {
		s3 = await startTestS3();
		storage = await openStorage({ dataDir: ':memory:' });
		dir = mkdtempSync(join(tmpdir(), 'kaihu-s3-uploads-'));
	});
	afterAll(async () => {
		await storage.close();
		await s3.close();
		rmSync(dir, { recursive: true, force: true });
	});

	async function started(intake: Intake, bytes: number) {
		const app = createApp({ storage, version: '0', intake });
		const res = await app.request(UPLOADS_PATH, {
			method: 'POST',
			headers: {
				...TUS,
				'Upload-Length': '1000',
				'Upload-Metadata': `sha256 ${Buffer.from(SHA).toString('base64')}`
			}
		});
		expect(res.status).toBe(201);
		const path = res.headers.get('location') ?? '';
		const patched = await app.request(path, {
			method: 'PATCH',
			headers: {
				...TUS,
				'Upload-Offset': '0',
				'Content-Type': 'application/offset+octet-stream'
			},
			body: new Uint8Array(bytes)
		});
		expect(patched.status).toBe(204);
		return { app, path };
	}

	it('answers the offset it holds and refuses a PATCH at another', async () => {
		const { app, path } = await started(intakeWith(60_000), 300);
		const head = await app.request(path, { method: 'HEAD', headers: TUS });
		expect(head.headers.get('upload-offset')).toBe('300');
		expect(head.headers.get('upload-length')).toBe('1000');
		const stale = await app.request(path, {
			method: 'PATCH',
			headers: { ...TUS, 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' },
			body: new Uint8Array(10)
		});
		expect(stale.status).toBe(409);
		expect((await app.request(path, { method: 'DELETE', headers: TUS })).status).toBe(204);
		expect((await app.request(path, { method: 'HEAD', headers: TUS })).status).toBe(404);
	});

	it('sweeps unfinished uploads past their TTL out of the bucket', async () => {
		const intake = intakeWith(300);
		const { app, path } = await started(intake, 100);
		// A 300 ms TTL: waited out on the clock (expiry is a time, not an event).
		expect(await sweepExpiredUploads(intake)).toBe(0);
		await new Promise((r) => setTimeout(r, 350));
		expect(await sweepExpiredUploads(intake)).toBe(1);
		expect([404, 410]).toContain(
			(await app.request(path, { method: 'HEAD', headers: TUS })).status
		);
	});
});
