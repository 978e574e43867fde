import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_BODY_LIMIT, createApp } from './app.ts';
import { inlineScriptHashes, loadClientBuild } from './http/client.ts';
import { openStorage, type Storage } from './storage/index.ts';

let storage: Storage;
let clientDir: string;

beforeAll(async () => {
	storage = await openStorage({ dataDir: ':memory:' });
	clientDir = mkdtempSync(join(tmpdir(), 'kaihu-client-'));
	writeFileSync(
		join(clientDir, 'index.html'),
		'<!doctype html><html><body><script>boot()</script><script src="/x.js"></script></body></html>'
	);
	mkdirSync(join(clientDir, '_app/immutable'), { recursive: true });
	writeFileSync(join(clientDir, '_app/immutable/a.js'), 'export {}');
	writeFileSync(join(clientDir, '_app/immutable/b.js'), 'export const big = 1;');
	writeFileSync(
		join(clientDir, '_app/immutable/b.js.br'),
		brotliCompressSync('export const big = 1;')
	);
});

afterAll(async () => {
	await storage.close();
	rmSync(clientDir, { recursive: true, force: true });
});

describe('API', () => {
	it('GET /api/health answers ok with the version and storage engine', async () => {
		const app = createApp({ storage, version: '9.9.9' });
		const res = await app.request('/api/health');
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ ok: true, version: '9.9.9', storage: 'sqlite' });
	});

	it('unknown API routes answer the one error shape', async () => {
		const app = createApp({ storage, version: '0' });
		const res = await app.request('/api/nope', { method: 'POST' });
		expect(res.status).toBe(404);
		expect(await res.json()).toMatchObject({
			error: { code: 'not_found', message: expect.any(String) }
		});
	});

	it('rejects an oversized body with 413 and the error shape', async () => {
		const app = createApp({ storage, version: '0' });
		const res = await app.request('/api/health', {
			method: 'POST',
			body: 'x'.repeat(API_BODY_LIMIT + 1),
			headers: { 'content-type': 'text/plain' }
		});
		expect(res.status).toBe(413);
		expect(await res.json()).toMatchObject({ error: { code: 'payload_too_large' } });
	});
});

describe('security headers', () => {
	it('every response is cross-origin isolated and under a strict CSP', async () => {
		const app = createApp({ storage, version: '0' });
		for (const path of ['/api/health', '/api/missing', '/no-such-page']) {
			const res = await app.request(path);
			expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
			expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
			const csp = res.headers.get('content-security-policy') ?? '';
			expect(csp).toContain("default-src 'self'");
			expect(csp).toContain("connect-src 'self';");
			expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
			expect(csp).not.toMatch(/https?:\/\//);
		}
	});

	it('allows exactly the inline bootstrap script of the build by hash', async () => {
		const client = await loadClientBuild(clientDir);
		expect(client?.scriptHashes).toEqual(inlineScriptHashes('<script>boot()</script>'));
		const app = createApp({ storage, version: '0', client });
		const csp = (await app.request('/')).headers.get('content-security-policy') ?? '';
		expect(csp).toContain(`'${client?.scriptHashes[0]}'`);
	});
});

describe('client', () => {
	it('serves the SPA fallback for client routes and immutable assets with long caching', async () => {
		const app = createApp({ storage, version: '0', client: await loadClientBuild(clientDir) });
		const page = await app.request('/open/step-3');
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('boot()');
		expect(page.headers.get('cache-control')).toBe('no-cache');
		const asset = await app.request('/_app/immutable/a.js');
		expect(asset.status).toBe(200);
		expect(asset.headers.get('cache-control')).toContain('immutable');
	});

	it('sends the brotli variant when the browser accepts it, with the right type', async () => {
		const app = createApp({ storage, version: '0', client: await loadClientBuild(clientDir) });
		const res = await app.request('/_app/immutable/b.js', {
			headers: { 'accept-encoding': 'gzip, br' }
		});
		expect(res.headers.get('content-encoding')).toBe('br');
		expect(res.headers.get('content-type')).toMatch(/javascript/);
		expect(brotliDecompressSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(
			'export const big = 1;'
		);
		const plain = await app.request('/_app/immutable/b.js');
		expect(plain.headers.get('content-encoding')).toBeNull();
	});

	it('answers Range requests for model files with 206 + Content-Range (resumable downloads), 416 past the end', async () => {
		const weights = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));
		mkdirSync(join(clientDir, 'models/ocr'), { recursive: true });
		writeFileSync(join(clientDir, 'models/ocr/m.onnx'), weights);
		const app = createApp({ storage, version: '0', client: await loadClientBuild(clientDir) });
		const res = await app.request('/models/ocr/m.onnx', { headers: { range: 'bytes=600-' } });
		expect(res.status).toBe(206);
		expect(res.headers.get('content-range')).toBe('bytes 600-999/1000');
		expect(Buffer.from(await res.arrayBuffer())).toEqual(weights.subarray(600));
		expect(res.headers.get('cache-control')).toContain('max-age');
		const past = await app.request('/models/ocr/m.onnx', { headers: { range: 'bytes=1000-' } });
		expect(past.status).toBe(416);
		expect(past.headers.get('content-range')).toBe('bytes */1000');
		// A Range on the precompressed representation counts its own bytes (browsers send
		// Accept-Encoding: identity with Range, so they resume on the plain file).
		const br = await app.request('/_app/immutable/b.js', {
			headers: { range: 'bytes=0-', 'accept-encoding': 'br' }
		});
		expect(br.status).toBe(206);
		expect(br.headers.get('content-encoding')).toBe('br');
		const brSize = brotliCompressSync('export const big = 1;').length;
		expect(br.headers.get('content-range')).toBe(`bytes 0-${brSize - 1}/${brSize}`);
	});

	it('does not let a path escape the build directory', async () => {
		const app = createApp({ storage, version: '0', client: await loadClientBuild(clientDir) });
		const res = await app.request('/..%2f..%2fetc%2fpasswd');
		expect(await res.text()).not.toContain('root:');
	});
});

describe('eval confinement', () => {
	it("no response gets 'unsafe-eval', not even the card worker (it no longer loads opencv.js)", async () => {
		const app = createApp({ storage, version: '0' });
		const csp = async (path: string) =>
			(await app.request(path)).headers.get('content-security-policy') ?? '';
		for (const path of [
			'/',
			'/capture/id-front',
			'/_app/immutable/workers/card.worker-AbC_1-2.js',
			'/src/lib/vision/card/card.worker.ts',
			'/_app/immutable/workers/probe.worker-AbC.js',
			'/_app/immutable/workers/card.worker-x.js/../evil.js',
			'/api/health'
		]) {
			const policy = await csp(path);
			expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'");
			expect(policy).not.toContain("'unsafe-eval'");
		}
	});
});
