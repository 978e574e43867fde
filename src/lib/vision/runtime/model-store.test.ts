import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	downloadAsset,
	loadModelBytes,
	memoryChunkStore,
	ModelDownloadError,
	type ModelAsset
} from './model-store.ts';

const CSP = "default-src 'self'";
const FILE = new Uint8Array(100_000).map((_, i) => (i * 7919) % 251);
const ASSET: ModelAsset = {
	path: '/models/x.onnx',
	bytes: FILE.length,
	sha256: createHash('sha256').update(FILE).digest('hex')
};

interface Served {
	ranges: (string | null)[];
	bytesSent: number;
}

/**
 * A static server: honours `Range` unless `ignoreRange`; `dropAfter[n]` cuts the n-th response's
 * body after that many bytes (a dropped connection); `corrupt` flips a byte of the first response.
 */
function server(
	opts: { dropAfter?: number[]; ignoreRange?: boolean; corruptFirst?: boolean } = {}
) {
	const served: Served = { ranges: [], bytesSent: 0 };
	let n = 0;
	const fake = (async (_url: string, init?: RequestInit) => {
		const range = new Headers(init?.headers).get('range');
		served.ranges.push(range);
		const i = n++;
		let start = 0;
		let status = 200;
		const headers = new Headers({ 'content-security-policy': CSP, 'cross-origin-resource-policy': 'same-origin' }); // prettier-ignore
		if (range && !opts.ignoreRange) {
			start = Number(/^bytes=(\d+)-$/.exec(range)?.[1]);
			if (start >= FILE.length) return new Response(null, { status: 416 });
			status = 206;
			headers.set('content-range', `bytes ${start}-${FILE.length - 1}/${FILE.length}`);
		}
		const body = FILE.slice(start);
		if (opts.corruptFirst && i === 0) body[10] = (body[10] ?? 0) ^ 0xff;
		const cut = opts.dropAfter?.[i];
		let at = 0;
		const stream = new ReadableStream<Uint8Array>({
			pull(c) {
				if (at >= body.length) return c.close();
				if (cut !== undefined && at >= cut) return c.error(new TypeError('network error'));
				const piece = body.slice(at, Math.min(body.length, at + 4096));
				at += piece.length;
				served.bytesSent += piece.length;
				c.enqueue(piece);
			}
		});
		return new Response(stream, { status, headers });
	}) as typeof fetch;
	return { fake, served };
}

const noSleep = async () => undefined;

describe('downloadAsset', () => {
	it('resumes with Range after a dropped connection: the file is sent once, not twice', async () => {
		const { fake, served } = server({ dropAfter: [40_000, 30_000] });
		const progress: number[] = [];
		const bytes = await downloadAsset(ASSET, {
			fetch: fake,
			sleep: noSleep,
			flushBytes: 8192,
			onProgress: (p) => progress.push(p.loaded)
		});
		expect(bytes).toEqual(FILE);
		expect(served.ranges[0]).toBeNull();
		expect(served.ranges[1]).toMatch(/^bytes=[1-9]\d*-$/);
		expect(served.ranges).toHaveLength(3);
		expect(served.bytesSent).toBe(FILE.length);
		expect(progress.at(-1)).toBe(FILE.length);
		expect(progress.every((v, i) => i === 0 || v >= progress[i - 1]!)).toBe(true);
	});

	it('resumes from chunks kept by an earlier visit (tab closed mid-download)', async () => {
		const chunks = memoryChunkStore();
		const first = server({ dropAfter: [50_000] });
		await expect(
			downloadAsset(ASSET, { fetch: first.fake, chunks, retries: 0, flushBytes: 4096 })
		).rejects.toBeInstanceOf(ModelDownloadError);
		const kept = (await chunks.list(ASSET.path)).reduce((n, c) => n + c.bytes.length, 0);
		expect(kept).toBe(first.served.bytesSent);
		const second = server();
		expect(await downloadAsset(ASSET, { fetch: second.fake, chunks })).toEqual(FILE);
		expect(second.served.ranges).toEqual([`bytes=${kept}-`]);
		expect(first.served.bytesSent + second.served.bytesSent).toBe(FILE.length);
		expect(await chunks.list(ASSET.path)).toEqual([]);
	});

	it('restarts cleanly from zero when the server ignores Range (200 to a Range request)', async () => {
		const { fake, served } = server({ dropAfter: [40_000], ignoreRange: true });
		const bytes = await downloadAsset(ASSET, { fetch: fake, sleep: noSleep, flushBytes: 4096 });
		expect(bytes).toEqual(FILE);
		expect(served.ranges).toHaveLength(2);
		expect(served.ranges[1]).not.toBeNull();
	});

	it('a corrupt byte fails the sha256 check and the file is fetched again from zero', async () => {
		const { fake, served } = server({ corruptFirst: true });
		const bytes = await downloadAsset(ASSET, { fetch: fake, sleep: noSleep });
		expect(bytes).toEqual(FILE);
		expect(served.ranges).toEqual([null, null]);
	});

	it('a file that never matches its sha256 is an integrity error, not a loop', async () => {
		const { fake } = server();
		const err = await downloadAsset({ ...ASSET, sha256: '0'.repeat(64) }, { fetch: fake }).catch(
			(e: unknown) => e
		);
		expect(err).toBeInstanceOf(ModelDownloadError);
		expect((err as ModelDownloadError).code).toBe('integrity');
		expect((err as ModelDownloadError).text.zh).toMatch(/校验/);
	});

	it('gives up after the retries with a typed network error', async () => {
		const { fake, served } = server({ dropAfter: [1000, 1000, 1000, 1000] });
		const err = await downloadAsset(ASSET, { fetch: fake, sleep: noSleep, retries: 2 }).catch(
			(e: unknown) => e
		);
		expect((err as ModelDownloadError).code).toBe('network');
		expect(served.ranges).toHaveLength(3);
	});
});

/** Cache Storage in memory, keyed by URL (enough of the API for the model store). */
function memoryCaches() {
	const all = new Map<string, Map<string, Response>>();
	const url = (k: RequestInfo | URL) => new URL(typeof k === 'string' ? k : k instanceof URL ? k.href : k.url, 'http://app.test').href; // prettier-ignore
	return {
		all,
		async open(name: string) {
			const m = all.get(name) ?? new Map<string, Response>();
			all.set(name, m);
			return {
				async match(k: RequestInfo | URL) {
					return m.get(url(k))?.clone();
				},
				async put(k: RequestInfo | URL, r: Response) {
					m.set(url(k), r);
				},
				async delete(k: RequestInfo | URL) {
					return m.delete(url(k));
				},
				async keys() {
					return [...m.keys()].map((u) => new Request(u));
				}
			};
		}
	};
}

describe('loadModelBytes', () => {
	it("stores the file with the server's security headers (the service worker answers imports from it)", async () => {
		const store = memoryCaches();
		const g = globalThis as { caches?: unknown; fetch: typeof fetch };
		const { fake } = server({ dropAfter: [30_000] });
		const realFetch = g.fetch;
		g.caches = store;
		g.fetch = fake;
		try {
			const names = { files: 'models', partial: 'models-partial' };
			const bytes = await loadModelBytes(ASSET, names, { sleep: noSleep });
			expect(bytes).toEqual(FILE);
			const stored = await (await store.open('models')).match(ASSET.path);
			expect(stored?.headers.get('content-security-policy')).toBe(CSP);
			expect(stored?.headers.get('cross-origin-resource-policy')).toBe('same-origin');
			// The whole file, not the resumed range the last response carried.
			expect(stored?.headers.get('content-range')).toBeNull();
			expect(stored?.headers.get('content-length')).toBe(String(FILE.length));
			expect(new Uint8Array(await stored!.arrayBuffer())).toEqual(FILE);
		} finally {
			delete g.caches;
			g.fetch = realFetch;
		}
	});
});
