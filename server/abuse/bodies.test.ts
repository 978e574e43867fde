/**
 * Oversized and compressed bodies: every JSON route refuses more than API_BODY_LIMIT (1.25 MiB) with 413 in the error
 * shape, whether the size is declared (Content-Length) or streamed (chunked, no length) — and a
 * streamed body is not read far past the limit; tus refuses uploads over its maximum and chunks
 * past the declared length; Content-Encoding gzip/deflate/br bodies are never inflated. Nothing
 * is stored by any of these requests.
 */
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { apiRoutes } from '../api.ts';
import { API_BODY_LIMIT } from '../app.ts';
import { UPLOADS_PATH } from '../intake/index.ts';
import { MAX_UPLOAD_BYTES } from '../intake/uploads.ts';
import { backends } from '../storage/test-databases.ts';
import { PASSWORD } from '../testing/harness.ts';
import { expectRejected } from './rejects.ts';
import { abuseSuite } from './suite.ts';

const TUS = { 'tus-resumable': '1.0.0' };
const b64 = (s: string) => Buffer.from(s).toString('base64');

/** A body stream of `total` bytes in 64 KiB chunks that counts what the server pulled. */
function counted(total: number, byte = 0x20) {
	const state = { pulled: 0 };
	const chunk = new Uint8Array(64 * 1024).fill(byte);
	const stream = new ReadableStream<Uint8Array>({
		pull(ctrl) {
			if (state.pulled >= total) return ctrl.close();
			state.pulled += chunk.byteLength;
			ctrl.enqueue(chunk);
		}
	});
	return { stream, state };
}

describe.each(backends())('oversized and compressed bodies on $kind', ({ open }) => {
	const t = abuseSuite(open);

	/** The right caller for a route: its own customer, or staff of an allowed role. */
	function callerHeaders(access: {
		kind: string;
		roles?: readonly string[];
	}): Record<string, string> {
		if (access.kind === 'customer') return { authorization: `Bearer ${t.apps[0]!.token}` };
		if (access.kind === 'staff') {
			const s = t.sessions[access.roles![0] as 'agent'];
			return { cookie: s.cookie, 'x-csrf-token': s.csrf };
		}
		return {};
	}
	const routesWithBodies = [
		...apiRoutes('test')
			.filter((r) => r.body)
			.map((r) => ({
				label: r.operationId,
				method: r.method.toUpperCase(),
				path: r.path.replace(/:id\b/, '{id}'),
				access: r.access as { kind: string; roles?: readonly string[] }
			})),
		{ label: 'intake.postRecord', method: 'POST', path: '/api/records', access: { kind: 'public' } }
	];
	const pathFor = (r: (typeof routesWithBodies)[number]) =>
		r.path
			.replace(
				'{id}',
				r.path.startsWith('/api/staff/bookings') ? t.ids.bookings[0]! : t.apps[0]!.id
			)
			.replace(/:[a-zA-Z]+/g, 'x');

	it('every JSON route refuses a declared body over the limit with 413', async () => {
		expect(routesWithBodies.length).toBeGreaterThanOrEqual(17);
		const big = `{"pad":"${'x'.repeat(API_BODY_LIMIT)}"}`;
		for (const r of routesWithBodies) {
			const error = await expectRejected(
				t,
				() =>
					t.h.app.request(pathFor(r), {
						method: r.method,
						headers: {
							...callerHeaders(r.access),
							'content-type': 'application/json',
							'content-length': String(big.length)
						},
						body: big
					}),
				413,
				r.label
			);
			expect(error.code).toBe('payload_too_large');
		}
	});

	it('every JSON route refuses a streamed (chunked) body over the limit and stops reading it', async () => {
		for (const r of routesWithBodies) {
			const { stream, state } = counted(64 * 1024 * 1024);
			await expectRejected(
				t,
				() =>
					t.h.app.request(pathFor(r), {
						method: r.method,
						headers: {
							...callerHeaders(r.access),
							'content-type': 'application/json',
							'transfer-encoding': 'chunked'
						},
						body: stream,
						duplex: 'half'
					} as RequestInit),
				413,
				r.label
			);
			expect(state.pulled, r.label).toBeLessThan(API_BODY_LIMIT + 256 * 1024);
		}
	});

	it('Content-Encoding bodies are not inflated: a gzip bomb and a gzipped login are malformed JSON', async () => {
		const login = JSON.stringify({ username: 'agent1', password: PASSWORD });
		const bomb = gzipSync(`{"username":"${'a'.repeat(48 * 1024 * 1024)}","password":"x"}`, {
			level: 9
		});
		expect(bomb.length).toBeLessThan(API_BODY_LIMIT);
		const bodies: [string, string, Uint8Array][] = [
			['gzip login', 'gzip', gzipSync(login)],
			['deflate login', 'deflate', deflateSync(login)],
			['br login', 'br', brotliCompressSync(login)],
			['48 MB gzip bomb', 'gzip', bomb]
		];
		for (const [label, encoding, body] of bodies)
			for (const path of [
				'/api/auth/login',
				'/api/records',
				`/api/applications/${t.apps[0]!.id}/submit`
			]) {
				const error = await expectRejected(
					t,
					() =>
						t.h.app.request(path, {
							method: 'POST',
							headers: {
								authorization: `Bearer ${t.apps[0]!.token}`,
								'idempotency-key': 'encoded-body-0001',
								'content-type': 'application/json',
								'content-encoding': encoding
							},
							body
						}),
					400,
					`${label} → ${path}`
				);
				expect(error.code).toBe('bad_request');
			}
	});

	it('tus: refuses an upload over the maximum, and a chunk past the declared length', async () => {
		await expectRejected(
			t,
			() =>
				t.h.app.request(UPLOADS_PATH, {
					method: 'POST',
					headers: {
						...TUS,
						'upload-length': String(MAX_UPLOAD_BYTES + 1),
						'upload-metadata': `sha256 ${b64('a'.repeat(64))}`
					}
				}),
			413,
			'upload over the maximum'
		);
		const created = await t.h.app.request(UPLOADS_PATH, {
			method: 'POST',
			headers: { ...TUS, 'upload-length': '16', 'upload-metadata': `sha256 ${b64('b'.repeat(64))}` }
		});
		expect(created.status).toBe(201);
		const location = created.headers.get('location')!;
		await expectRejected(
			t,
			() =>
				t.h.app.request(location, {
					method: 'PATCH',
					headers: {
						...TUS,
						'upload-offset': '0',
						'content-type': 'application/offset+octet-stream'
					},
					body: new Uint8Array(4096).fill(1)
				}),
			413,
			'chunk past the declared length'
		);
	});

	it('tus: a checksummed chunk streamed without a length is refused past 16 MiB, not buffered whole', async () => {
		const created = await t.h.app.request(UPLOADS_PATH, {
			method: 'POST',
			headers: {
				...TUS,
				'upload-length': String(200 * 1024 * 1024),
				'upload-metadata': `sha256 ${b64('c'.repeat(64))}`
			}
		});
		const location = created.headers.get('location')!;
		const { stream, state } = counted(200 * 1024 * 1024, 0);
		await expectRejected(
			t,
			() =>
				t.h.app.request(location, {
					method: 'PATCH',
					headers: {
						...TUS,
						'upload-offset': '0',
						'upload-checksum': `sha256 ${'A'.repeat(43)}=`,
						'content-type': 'application/offset+octet-stream'
					},
					body: stream,
					duplex: 'half'
				} as RequestInit),
			413,
			'streamed checksummed chunk'
		);
		expect(state.pulled).toBeLessThan(17 * 1024 * 1024 + 256 * 1024);
	});

	it('tus: a compressed upload is stored as sent (gzip Content-Encoding is not inflated)', async () => {
		const zeros = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
		const sha = (await import('node:crypto')).createHash('sha256').update(zeros).digest('hex');
		const created = await t.h.app.request(UPLOADS_PATH, {
			method: 'POST',
			headers: {
				...TUS,
				'upload-length': String(zeros.length),
				'upload-metadata': `sha256 ${b64(sha)},filetype ${b64('application/gzip')}`
			}
		});
		const res = await t.h.app.request(created.headers.get('location')!, {
			method: 'PATCH',
			headers: {
				...TUS,
				'upload-offset': '0',
				'content-type': 'application/offset+octet-stream',
				'content-encoding': 'gzip'
			},
			body: zeros
		});
		expect(res.status).toBe(204);
		expect(res.headers.get('upload-offset')).toBe(String(zeros.length));
		expect(await t.intake.blobs.stat(sha)).toEqual({ bytes: zeros.length });
	});
});
