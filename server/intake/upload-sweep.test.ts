import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { generateKey, parseKey, PiiCipher } from '../security/pii.ts';
import { openStorage, type Storage } from '../storage/index.ts';
import { fileIntake, intakeFromEnv, startUploadSweep, UPLOADS_PATH, type Intake } from './index.ts';
import { sweepEveryMs, uploadTtlMs } from './upload-sweep.ts';

let storage: Storage;
let dir: string;
const cipher = new PiiCipher(parseKey(generateKey(), 'test'));
const TUS = { 'Tus-Resumable': '1.0.0' };
const TTL_MS = 300;

beforeAll(async () => {
	storage = await openStorage({ dataDir: ':memory:' });
	dir = mkdtempSync(join(tmpdir(), 'kaihu-sweep-'));
});
afterAll(async () => {
	await storage.close();
	rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts an upload of `size` bytes and sends the first `sent` of them. */
async function startUpload(intake: Intake, size: number, sent: number): Promise<string> {
	const app = createApp({ storage, version: '0', intake, core: { cipher } });
	const data = randomBytes(size);
	const sha = createHash('sha256').update(data).digest('hex');
	const created = await app.request(UPLOADS_PATH, {
		method: 'POST',
		headers: {
			...TUS,
			'Upload-Length': String(size),
			'Upload-Metadata': `sha256 ${Buffer.from(sha).toString('base64')}`
		}
	});
	expect(created.status).toBe(201);
	// tus expiration extension: the device is told when the upload will be dropped (to the second).
	const expires = Date.parse(created.headers.get('upload-expires') ?? '');
	expect(Math.abs(expires - (Date.now() + intake.uploadTtlMs))).toBeLessThan(2000);
	const path = created.headers.get('location') ?? '';
	const patched = await app.request(path, {
		method: 'PATCH',
		headers: {
			...TUS,
			'Upload-Offset': '0',
			'Content-Type': 'application/offset+octet-stream'
		},
		body: new Uint8Array(data.subarray(0, sent))
	});
	expect(patched.status).toBe(204);
	return path;
}

const idOf = (path: string) => path.slice(UPLOADS_PATH.length + 1);

describe('expiry of unfinished uploads', () => {
	it("deletes partial files and their metadata by the server's own timer, keeps young ones", async () => {
		const intake = fileIntake(join(dir, 'a'), TTL_MS);
		const old = await startUpload(intake, 200_000, 70_000);
		expect(readdirSync(intake.uploadsDir).sort()).toEqual([idOf(old), `${idOf(old)}.json`]);
		await sleep(TTL_MS + 50);
		const young = await startUpload(intake, 50_000, 1_000);
		const stop = startUploadSweep(intake, 50);
		try {
			// The timer (not this test) runs the sweep: wait for its effect. It deletes the partial
			// file before its metadata, so wait for both (under load the .json went a turn later).
			const oldLeft = () =>
				readdirSync(intake.uploadsDir).some((f) => f === idOf(old) || f === `${idOf(old)}.json`);
			for (let i = 0; i < 100 && oldLeft(); i++) await sleep(20);
		} finally {
			stop();
		}
		expect(readdirSync(intake.uploadsDir).sort()).toEqual([idOf(young), `${idOf(young)}.json`]);
		const app = createApp({ storage, version: '0', intake, core: { cipher } });
		const head = await app.request(old, { method: 'HEAD', headers: TUS });
		expect(head.status).toBe(404);
		// The young upload still resumes from its offset.
		const headYoung = await app.request(young, { method: 'HEAD', headers: TUS });
		expect(headYoung.headers.get('upload-offset')).toBe('1000');
	});

	it('answers 410 for an expired upload the sweep has not reached yet', async () => {
		const intake = fileIntake(join(dir, 'b'), TTL_MS);
		const path = await startUpload(intake, 10_000, 100);
		await sleep(TTL_MS + 50);
		const app = createApp({ storage, version: '0', intake, core: { cipher } });
		const res = await app.request(path, {
			method: 'PATCH',
			headers: {
				...TUS,
				'Upload-Offset': '100',
				'Content-Type': 'application/offset+octet-stream'
			},
			body: new Uint8Array(10)
		});
		expect(res.status).toBe(410);
		expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
	});

	it('reads the TTL and interval from the environment', () => {
		expect(uploadTtlMs({})).toBe(24 * 3600_000);
		expect(uploadTtlMs({ KAIHU_UPLOAD_TTL_HOURS: '0.5' })).toBe(1800_000);
		expect(() => uploadTtlMs({ KAIHU_UPLOAD_TTL_HOURS: '-1' })).toThrow(/KAIHU_UPLOAD_TTL_HOURS/);
		expect(sweepEveryMs({ KAIHU_UPLOAD_SWEEP_MINUTES: '2' })).toBe(120_000);
		expect(intakeFromEnv(dir, { KAIHU_UPLOAD_TTL_HOURS: '2' }).uploadTtlMs).toBe(7200_000);
	});
});
