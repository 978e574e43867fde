import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { fileIntake, type Intake } from '../intake/index.ts';
import { HmacAuthority } from '../signalling/credentials.ts';
import type { Storage } from '../storage/index.ts';
import { backends } from '../storage/test-databases.ts';
import { harness, type Session } from '../testing/harness.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe.each(backends())('witness call recordings on $kind', ({ open }) => {
	let storage: Storage;
	let app: Hono;
	let intake: Intake;
	let dir: string;
	let agent: Session;
	const authority = new HmacAuthority(randomBytes(32));

	beforeAll(async () => {
		storage = await open();
		const h = await harness(storage);
		dir = mkdtempSync(join(tmpdir(), 'kaihu-callrec-'));
		intake = fileIntake(dir);
		app = createApp({
			storage,
			version: 'test',
			intake,
			core: { cipher: h.cipher, callAuthority: authority }
		});
		agent = await h.login('agent1');
	});
	afterAll(async () => {
		await storage.close();
		rmSync(dir, { recursive: true, force: true });
	});

	async function blob(): Promise<{ sha256: string; bytes: number; data: Buffer }> {
		const data = randomBytes(3000);
		const file = join(dir, `b-${randomBytes(4).toString('hex')}`);
		writeFileSync(file, data);
		await intake.blobs.adopt(file, sha(data));
		return { sha256: sha(data), bytes: data.byteLength, data };
	}

	async function segment(payload: object, blobs: { sha256: string; bytes: number }[]) {
		const res = await app.request('/api/records', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				id: crypto.randomUUID(),
				idempotencyKey: crypto.randomUUID(),
				kind: 'witness-recording',
				payload,
				blobs: blobs.map((b) => ({ ...b, type: 'video/webm' }))
			})
		});
		expect(res.status).toBe(201);
	}

	const get = (path: string) => app.request(path, { headers: { cookie: agent.cookie } });

	it('links segments to the booking, verifies the credential and streams the recording whole', async () => {
		const credential = authority.issue({ bookingId: 'bk-1', role: 'customer', now: 0, ttlMs: 1 });
		const recordingId = crypto.randomUUID();
		const base = {
			recordingId,
			bookingId: 'bk-1',
			role: 'customer',
			side: 'local',
			mimeType: 'video/webm;codecs=vp8,opus',
			startedAt: 1_700_000_000_000,
			credential
		};
		const parts = [await blob(), await blob(), await blob()];
		// Out of order on purpose: segment 1 arrives first.
		await segment({ ...base, segment: 1, final: true }, [
			parts[2] as { sha256: string; bytes: number }
		]);
		await segment({ ...base, segment: 0, final: false }, parts.slice(0, 2));
		// Someone else's credential (another booking) claiming this booking: linked, not verified.
		const forged = authority.issue({ bookingId: 'bk-2', role: 'customer' });
		await segment(
			{ ...base, recordingId: crypto.randomUUID(), segment: 0, final: true, credential: forged },
			[await blob()]
		);

		const res = await get('/api/staff/witness-recordings?booking=bk-1');
		const { recordings } = (await res.json()) as {
			recordings: {
				recordingId: string;
				complete: boolean;
				verified: boolean;
				segments: number;
				blobs: { sha256: string }[];
				mediaUrl: string;
			}[];
		};
		const mine = recordings.find((r) => r.recordingId === recordingId);
		expect(mine).toMatchObject({ complete: true, verified: true, segments: 2 });
		expect(mine?.blobs.map((b) => b.sha256)).toEqual(parts.map((p) => p.sha256));
		expect(recordings.filter((r) => r.recordingId !== recordingId)).toEqual([
			expect.objectContaining({ verified: false })
		]);

		const media = await get(mine?.mediaUrl ?? '');
		expect(media.status).toBe(200);
		expect(media.headers.get('content-type')).toBe('video/webm');
		expect(Buffer.from(await media.arrayBuffer())).toEqual(Buffer.concat(parts.map((p) => p.data)));
		const anonymous = await app.request(mine?.mediaUrl ?? '');
		expect(anonymous.status).toBe(401);
	});
});
