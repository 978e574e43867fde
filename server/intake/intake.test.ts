import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_BODY_LIMIT, createApp } from '../app.ts';
import { generateKey, parseKey, PiiCipher } from '../security/pii.ts';
import { openStorage, type Storage } from '../storage/index.ts';
import { fileIntake, UPLOADS_PATH, type Intake } from './index.ts';
import { countRecords } from './records-store.ts';

let storage: Storage;
let dir: string;
let intake: Intake;
// One data key for every app built here, as one server process has (payloads are sealed with it).
const cipher = new PiiCipher(parseKey(generateKey(), 'test'));
const app = () => createApp({ storage, version: '0', intake, core: { cipher } });

beforeAll(async () => {
	storage = await openStorage({ dataDir: ':memory:' });
	dir = mkdtempSync(join(tmpdir(), 'kaihu-intake-'));
	intake = fileIntake(dir);
});
afterAll(async () => {
	await storage.close();
	rmSync(dir, { recursive: true, force: true });
});

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const b64 = (s: string) => Buffer.from(s).toString('base64');
const TUS = { 'Tus-Resumable': '1.0.0' };

/** Creates a tus upload and returns its path. */
async function create(size: number, sha256: string): Promise<string> {
	const res = await app().request(UPLOADS_PATH, {
		method: 'POST',
		headers: {
			...TUS,
			'Upload-Length': String(size),
			'Upload-Metadata': `sha256 ${b64(sha256)},filetype ${b64('video/webm')}`
		}
	});
	expect(res.status).toBe(201);
	const location = res.headers.get('location') ?? '';
	expect(location).toMatch(new RegExp(`^${UPLOADS_PATH}/[0-9a-f]+$`));
	return location;
}

const patch = (path: string, offset: number, body: Uint8Array, a = app()) =>
	a.request(path, {
		method: 'PATCH',
		headers: {
			...TUS,
			'Upload-Offset': String(offset),
			'Content-Type': 'application/offset+octet-stream'
		},
		body
	});

describe('tus uploads', () => {
	it('advertises tus 1.0 with creation and termination', async () => {
		const res = await app().request(UPLOADS_PATH, { method: 'OPTIONS', headers: TUS });
		expect(res.status).toBe(204);
		expect(res.headers.get('tus-version')).toContain('1.0.0');
		expect(res.headers.get('tus-extension')).toContain('creation');
		expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
	});

	it('takes a 3 MB blob in chunks above the JSON body limit, resumes after a restart, verifies sha256', async () => {
		const data = new Uint8Array(randomBytes(3 * 1024 * 1024 + 17));
		const hash = sha(data);
		const path = await create(data.byteLength, hash);
		const cut = API_BODY_LIMIT + 5000;
		expect((await patch(path, 0, data.subarray(0, cut))).status).toBe(204);
		// A "restarted server": a new app and tus server over the same directory know the offset.
		const restarted = createApp({ storage, version: '0', intake: fileIntake(dir) });
		const head = await restarted.request(path, { method: 'HEAD', headers: TUS });
		expect(head.headers.get('upload-offset')).toBe(String(cut));
		expect((await patch(path, 0, data.subarray(0, 10))).status).toBe(409); // wrong offset
		expect(await intake.blobs.stat(hash)).toBeNull(); // not adopted before completion
		const done = await patch(path, cut, data.subarray(cut));
		expect(done.status).toBe(204);
		expect(done.headers.get('upload-offset')).toBe(String(data.byteLength));
		expect(await intake.blobs.stat(hash)).toEqual({ bytes: data.byteLength });
		const blob = await app().request(`/api/blobs/${hash}`);
		expect(await blob.json()).toEqual({ sha256: hash, bytes: data.byteLength });
		expect((await app().request(`/api/blobs/${'0'.repeat(64)}`)).status).toBe(404);
		// The partial upload is gone once adopted.
		expect(readdirSync(intake.uploadsDir).filter((f) => !f.endsWith('.json'))).toEqual([]);
	});

	it('rejects a completed upload whose bytes do not hash to the declared sha256', async () => {
		const data = new Uint8Array(randomBytes(1000));
		const wrong = sha(new Uint8Array([1]));
		const path = await create(data.byteLength, wrong);
		const res = await patch(path, 0, data);
		expect(res.status).toBe(460);
		expect(await intake.blobs.stat(wrong)).toBeNull();
		expect(await intake.blobs.stat(sha(data))).toBeNull();
	});

	it('checks a chunk against its Upload-Checksum and writes nothing on a mismatch (460)', async () => {
		const opts = await app().request(UPLOADS_PATH, { method: 'OPTIONS', headers: TUS });
		expect(opts.headers.get('tus-extension')).toContain('checksum');
		expect(opts.headers.get('tus-checksum-algorithm')).toBe('sha1,sha256');
		const data = new Uint8Array(randomBytes(5000));
		const path = await create(data.byteLength, sha(data));
		const digest = (algo: string, b: Uint8Array) => createHash(algo).update(b).digest('base64');
		const send = (offset: number, body: Uint8Array, checksum: string) =>
			app().request(path, {
				method: 'PATCH',
				headers: {
					...TUS,
					'Upload-Offset': String(offset),
					'Content-Type': 'application/offset+octet-stream',
					'Upload-Checksum': checksum
				},
				body
			});
		const first = data.subarray(0, 3000);
		// A chunk corrupted in transit: refused, and the offset stays where it was.
		const corrupted = new Uint8Array(first);
		corrupted[10] = (corrupted[10] ?? 0) ^ 0xff;
		expect((await send(0, corrupted, `sha256 ${digest('sha256', first)}`)).status).toBe(460);
		const head = await app().request(path, { method: 'HEAD', headers: TUS });
		expect(head.headers.get('upload-offset')).toBe('0');
		expect((await send(0, first, `md5 ${digest('md5', first)}`)).status).toBe(400);
		expect((await send(0, first, `sha256 ${digest('sha256', first)}`)).status).toBe(204);
		const rest = data.subarray(3000);
		const done = await send(3000, rest, `sha1 ${digest('sha1', rest)}`);
		expect(done.status).toBe(204);
		expect(await intake.blobs.stat(sha(data))).toEqual({ bytes: data.byteLength });
	});

	it('refuses an upload without a sha256', async () => {
		const res = await app().request(UPLOADS_PATH, {
			method: 'POST',
			headers: { ...TUS, 'Upload-Length': '10' }
		});
		expect(res.status).toBe(400);
	});
});

describe('POST /api/records', () => {
	const photo = new Uint8Array(randomBytes(2048));
	let photoSha = '';
	beforeAll(async () => {
		photoSha = sha(photo);
		const path = await create(photo.byteLength, photoSha);
		expect((await patch(path, 0, photo)).status).toBe(204);
	});

	const record = () => ({
		id: crypto.randomUUID(),
		idempotencyKey: crypto.randomUUID(),
		kind: 'walk-in',
		payload: { name: '张三', idNumber: '11010519491231002X' },
		blobs: [{ sha256: photoSha, bytes: photo.byteLength, type: 'image/jpeg', name: 'a.jpg' }]
	});
	const post = (body: unknown) =>
		app().request('/api/records', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body)
		});

	it('stores once; a replay gets the first result; a conflicting replay gets 409', async () => {
		const r = record();
		const first = await post(r);
		expect(first.status).toBe(201);
		const receipt = await first.json();
		expect(receipt).toMatchObject({ id: r.id, blobs: [photoSha] });
		const replay = await post(r);
		expect(replay.status).toBe(200);
		expect(replay.headers.get('idempotent-replayed')).toBe('true');
		expect(await replay.json()).toEqual(receipt);
		const conflict = await post({ ...r, payload: { name: '李四' } });
		expect(conflict.status).toBe(409);
		expect(await conflict.json()).toMatchObject({
			error: { code: 'conflict', details: { reason: 'idempotency_key_reused' } }
		});
		expect(await countRecords(storage.db, r.id)).toBe(1);
	});

	it('asks for blobs that were never uploaded, naming them', async () => {
		const r = { ...record(), blobs: [{ sha256: 'f'.repeat(64), bytes: 5, type: 'image/jpeg' }] };
		const res = await post(r);
		expect(res.status).toBe(422);
		expect(await res.json()).toMatchObject({
			error: { code: 'validation_failed', details: { missingBlobs: ['f'.repeat(64)] } }
		});
		expect(await countRecords(storage.db, r.id)).toBe(0);
	});

	it('validates input with the one error shape', async () => {
		for (const bad of [{}, { ...record(), id: 'x' }, { ...record(), kind: 'Bad Kind' }]) {
			const res = await post(bad);
			expect(res.status).toBe(422);
			expect(await res.json()).toMatchObject({ error: { code: 'validation_failed' } });
		}
		const res = await app().request('/api/records', { method: 'POST', body: 'not json' });
		expect(res.status).toBe(400);
	});

	it('keeps the 1 MB body limit for records (only uploads are exempt)', async () => {
		const res = await post({ ...record(), payload: { x: 'x'.repeat(API_BODY_LIMIT) } });
		expect(res.status).toBe(413);
	});
});

it('stores blobs under the data dir', () => {
	expect(existsSync(join(dir, 'blobs', 'sha256'))).toBe(true);
});
