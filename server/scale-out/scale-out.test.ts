/**
 * Scale-out (issue #16): two instances on one PostgreSQL database and one S3 bucket, requests
 * alternating between them as a round-robin balancer without stickiness sends them. A tus upload
 * started on A resumes and completes on B; the login lock and the new-application throttle count
 * requests to either instance. PostgreSQL only (SQLite is one process's file); skipped, loudly,
 * when the global setup could not start PostgreSQL (an error with KAIHU_REQUIRE_POSTGRES=1).
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff } from '../auth/staff.ts';
import { generateKey, parseKey, PiiCipher } from '../security/pii.ts';
import { backends } from '../storage/test-databases.ts';
import { startTestS3, type TestS3 } from '../testing/s3-server.ts';
import { twoInstances, type Instance } from './instances.ts';

const pg = backends().find((b) => b.kind === 'postgres');
if (!pg) console.log('[scale-out] SKIPPING two-instance tests: PostgreSQL did not start');

const TUS = { 'Tus-Resumable': '1.0.0' };
const PASSWORD = 'correct-horse-battery';
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe.skipIf(!pg)('two instances sharing PostgreSQL and S3', () => {
	let s3: TestS3;
	let a: Instance;
	let b: Instance;
	let close = () => {};
	beforeAll(async () => {
		s3 = await startTestS3();
		const pair = twoInstances(
			await pg!.openTwo!(),
			s3,
			new PiiCipher(parseKey(generateKey(), 'test'))
		);
		[a, b] = pair.instances;
		close = pair.close;
	});
	afterAll(async () => {
		close();
		await Promise.all([a?.storage.close(), b?.storage.close()]);
		await s3?.close();
	});

	it('resumes a tus upload begun on A on B (HEAD, PATCH) and adopts it verified', async () => {
		const data = randomBytes(300_000);
		const digest = sha(data);
		const created = await a.request('/api/uploads', {
			method: 'POST',
			headers: {
				...TUS,
				'Upload-Length': String(data.length),
				'Upload-Metadata': `sha256 ${Buffer.from(digest).toString('base64')}`
			}
		});
		expect(created.status).toBe(201);
		const path = created.headers.get('location') ?? '';
		const patch = (on: Instance, offset: number, body: Uint8Array) =>
			on.request(path, {
				method: 'PATCH',
				headers: {
					...TUS,
					'Upload-Offset': String(offset),
					'Content-Type': 'application/offset+octet-stream'
				},
				body
			});
		expect((await patch(a, 0, data.subarray(0, 100_000))).status).toBe(204);
		// The device reconnects and lands on B: B knows the offset A wrote.
		const head = await b.request(path, { method: 'HEAD', headers: TUS });
		expect(head.status).toBe(200);
		expect(head.headers.get('upload-offset')).toBe('100000');
		expect((await patch(b, 0, data.subarray(0, 10))).status).toBe(409); // stale offset refused
		expect((await patch(b, 100_000, data.subarray(100_000, 200_000))).status).toBe(204);
		// …and back on A for the last chunk, which completes it.
		const done = await patch(a, 200_000, data.subarray(200_000));
		expect(done.status).toBe(204);
		expect(done.headers.get('upload-offset')).toBe(String(data.length));
		for (const on of [a, b]) {
			const blob = await on.request(`/api/blobs/${digest}`, { method: 'GET' });
			expect(blob.status).toBe(200);
			expect(await blob.json()).toMatchObject({ sha256: digest, bytes: data.length });
		}
		// Finished uploads leave nothing behind in the bucket's upload area.
		expect((await b.request(path, { method: 'HEAD', headers: TUS })).status).toBe(404);
	});

	it('locks an account after 5 wrong passwords spread over both instances, on both', async () => {
		await createStaff(
			a.storage.db,
			{ username: 'so-agent', role: 'agent', password: PASSWORD },
			new Date()
		);
		const login = (on: Instance, password: string, ip: string) =>
			on.request(
				'/api/auth/login',
				{
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ username: 'so-agent', password })
				},
				ip
			);
		// Five wrong guesses, alternating instances and from five addresses (only the account counts).
		for (let i = 0; i < 5; i++) {
			const res = await login(i % 2 ? b : a, `wrong-${i}`, `198.51.100.${i + 1}`);
			expect(res.status, `guess ${i + 1}`).toBe(401);
		}
		// Now both refuse even the right password, from a fresh address.
		for (const on of [a, b]) {
			const res = await login(on, PASSWORD, '198.51.100.77');
			expect(res.status).toBe(429);
			expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
		}
	});

	it('counts new applications from one address on either instance against one limit', async () => {
		const ip = '192.0.2.44';
		const create = (on: Instance) => on.request('/api/applications', { method: 'POST' }, ip);
		// 100 per 10 minutes per address: 50 on each instance use it up.
		const statuses = await Promise.all(
			Array.from({ length: 100 }, (_, i) => create(i % 2 ? b : a).then((r) => r.status))
		);
		expect(statuses.filter((s) => s === 201)).toHaveLength(100);
		for (const on of [a, b]) expect((await create(on)).status).toBe(429);
		// Another address is not affected.
		expect((await b.request('/api/applications', { method: 'POST' }, '192.0.2.45')).status).toBe(
			201
		);
	});
});

describe.skipIf(!pg)('a throttle claimed on two database handles at once', () => {
	it('grants exactly the limit of a parallel burst split over both', async () => {
		const { StoreThrottle } = await import('../auth/store-throttle.ts');
		const [one, two] = await pg!.openTwo!();
		try {
			const throttles = [one, two].map((s) => new StoreThrottle(s.db, 'login', 5, 60_000));
			const claims = await Promise.all(
				Array.from({ length: 24 }, (_, i) => throttles[i % 2]!.claim('u:burst'))
			);
			expect(claims.filter((c) => c.waitMs === 0)).toHaveLength(5);
			expect(claims.filter((c) => c.waitMs > 0)).toHaveLength(19);
			// Refused claims were withdrawn: the account stays locked by the five, not by 24.
			expect(await throttles[1]!.blocked('u:burst')).toBeGreaterThan(0);
			await Promise.all(claims.filter((c) => c.waitMs === 0).map((c) => c.release()));
			expect(await throttles[0]!.blocked('u:burst')).toBe(0);
		} finally {
			await Promise.all([one.close(), two.close()]);
		}
	});
});
