/**
 * Path traversal through uploads: tus `Upload-Metadata` names (`../../etc/passwd`, encoded and
 * Windows variants) are never used as paths — the blob lands under its sha256 and nothing appears
 * outside the intake directory; upload ids that try to climb out (`..`, `%2e%2e`, `..%2f…`) are
 * refused in the error shape with every file untouched; record blob names must be names.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UPLOADS_PATH } from '../intake/index.ts';
import { backends } from '../storage/test-databases.ts';
import { PATH_TRAVERSAL } from './corpus.ts';
import { expectRejected } from './rejects.ts';
import { abuseSuite } from './suite.ts';

const TUS = { 'tus-resumable': '1.0.0' };
const b64 = (s: string) => Buffer.from(s).toString('base64');

function allFiles(dir: string): string[] {
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((e) => e.isFile())
		.map((e) => relative(dir, join(e.parentPath, e.name)));
}

describe.each(backends())('path traversal in uploads on $kind', ({ open }) => {
	const t = abuseSuite(open);

	it('Upload-Metadata file names are never paths: each blob is stored under its sha256 only', async () => {
		const outside = readdirSync(dirname(t.dir));
		for (const [i, name] of PATH_TRAVERSAL.entries()) {
			const bytes = Buffer.from(`traversal probe ${i}`);
			const sha = createHash('sha256').update(bytes).digest('hex');
			const created = await t.h.app.request(UPLOADS_PATH, {
				method: 'POST',
				headers: {
					...TUS,
					'upload-length': String(bytes.length),
					'upload-metadata': `sha256 ${b64(sha)},filename ${b64(name)},name ${b64(name)},filetype ${b64(`../${name}`)}`
				}
			});
			expect(created.status, name).toBe(201);
			expect(created.headers.get('location')).toMatch(new RegExp(`^${UPLOADS_PATH}/[0-9a-f]{32}$`));
			const done = await t.h.app.request(created.headers.get('location')!, {
				method: 'PATCH',
				headers: {
					...TUS,
					'upload-offset': '0',
					'content-type': 'application/offset+octet-stream'
				},
				body: bytes
			});
			expect(done.status, name).toBe(204);
			expect(await t.intake.blobs.stat(sha)).toEqual({ bytes: bytes.length });
		}
		// Only sha256-addressed blobs remain (finished uploads are removed from uploads/).
		for (const f of allFiles(t.dir))
			expect(f).toMatch(
				/^blobs\/(sha256\/[0-9a-f]{2}\/[0-9a-f]{64}|uploads\/[0-9a-f]{32}(\.json)?)$/
			);
		expect(readdirSync(dirname(t.dir))).toEqual(outside);
		for (const p of ['etc/passwd', '../etc/passwd', 'passwd'])
			expect(existsSync(join(t.dir, 'uploads', p))).toBe(false);
	});

	it('upload ids that climb out of the uploads directory are refused, nothing touched', async () => {
		// A real upload in progress next to the probes: it must survive every one of them.
		const created = await t.h.app.request(UPLOADS_PATH, {
			method: 'POST',
			headers: { ...TUS, 'upload-length': '8', 'upload-metadata': `sha256 ${b64('d'.repeat(64))}` }
		});
		const real = created.headers.get('location')!.split('/').pop()!;
		const ids = [
			'..',
			'%2e%2e',
			'%2E%2E',
			'.',
			'%2e',
			...PATH_TRAVERSAL.map((p) => encodeURIComponent(p)),
			encodeURIComponent(`../uploads/${real}`),
			encodeURIComponent(`..\\uploads\\${real}`),
			`${real}%00`,
			`${real}.json`
		];
		for (const id of ids)
			for (const method of ['HEAD', 'PATCH', 'DELETE'] as const) {
				const send = () =>
					t.h.app.request(`${UPLOADS_PATH}/${id}`, {
						method: method === 'HEAD' ? 'GET' : method,
						headers: {
							...TUS,
							'upload-offset': '0',
							'content-type': 'application/offset+octet-stream'
						},
						body: method === 'PATCH' ? new Uint8Array(8) : undefined
					});
				await expectRejected(t, send, [400, 403, 404, 405, 410], `${method} ${id}`);
			}
		const head = await t.h.app.request(`${UPLOADS_PATH}/${real}`, { method: 'HEAD', headers: TUS });
		expect(head.status).toBe(200);
		expect(head.headers.get('upload-offset')).toBe('0');
	});

	it('record blob names must be names: traversal, encoded or not, is refused (422)', async () => {
		const bytes = Buffer.from('a stored blob');
		const sha = createHash('sha256').update(bytes).digest('hex');
		const created = await t.h.app.request(UPLOADS_PATH, {
			method: 'POST',
			headers: {
				...TUS,
				'upload-length': String(bytes.length),
				'upload-metadata': `sha256 ${b64(sha)}`
			}
		});
		await t.h.app.request(created.headers.get('location')!, {
			method: 'PATCH',
			headers: { ...TUS, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
			body: bytes
		});
		const record = (name: string) => ({
			id: crypto.randomUUID(),
			idempotencyKey: `traversal-${crypto.randomUUID()}`,
			kind: 'robot-answer',
			payload: { note: 'probe' },
			blobs: [{ sha256: sha, bytes: bytes.length, type: 'image/jpeg', name }]
		});
		for (const name of [...PATH_TRAVERSAL, 'a/b.jpg', 'c:\\x.jpg', '.hidden', 'x\u0000.jpg'])
			await expectRejected(
				t,
				() =>
					t.h.app.request('/api/records', {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify(record(name))
					}),
				422,
				name
			);
		for (const name of ['id-front.jpg', 'answer-2.webm', 'agent-0003.webm', '客户 照片 (1).jpg']) {
			const res = await t.h.app.request('/api/records', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(record(name))
			});
			expect(res.status, name).toBe(201);
		}
	});
});
