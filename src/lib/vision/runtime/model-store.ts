/**
 * Resumable, verified downloads of model and wasm files (worker- and page-safe: no DOM).
 *
 * A file is fetched once with byte progress; what arrived is kept in a {@link ChunkStore} as it
 * streams, so after a dropped connection (or a closed tab) the next attempt asks for the rest with
 * `Range: bytes=N-`. The server (Hono serveStatic) answers `206` + `Content-Range`; a server that
 * ignores Range (`200`) or answers another start restarts the file cleanly. The whole file is
 * checked against the manifest's sha256 before use; a mismatch drops the chunks and fetches the
 * file once more from zero. Driven by the manifest entry only: it does not care which assets exist.
 *
 * Browsers send `Accept-Encoding: identity` with a Range request (Fetch spec), so a resumed part
 * is the identity representation: offsets count decoded bytes, which is what the reader sees.
 */

/** A manifest entry (static/models/manifest.json). */
export interface ModelAsset {
	path: string;
	bytes: number;
	sha256: string;
}

export interface DownloadProgress {
	path: string;
	/** Bytes of the file on this device (kept chunks + this attempt). */
	loaded: number;
	total: number;
}

/** Durable storage of partial downloads, by file path and byte offset. */
export interface ChunkStore {
	/** The chunks kept for `path`, in any order. */
	list(path: string): Promise<{ offset: number; bytes: Uint8Array }[]>;
	put(path: string, offset: number, bytes: Uint8Array): Promise<void>;
	clear(path: string): Promise<void>;
}

export interface DownloadOptions {
	onProgress?: (p: DownloadProgress) => void;
	signal?: AbortSignal;
	fetch?: typeof fetch;
	chunks?: ChunkStore;
	/** Attempts after a dropped connection before giving up (default 5). */
	retries?: number;
	/** Wait before attempt `n` (default 500 ms · 2^n, capped at 8 s). */
	sleep?: (attempt: number) => Promise<void>;
	/** Bytes buffered before a chunk is written to the store (default 256 KiB). */
	flushBytes?: number;
	/** Called with the headers of each response whose body is used (200 or 206). */
	onHeaders?: (headers: Headers) => void;
}

/** Typed failure with Chinese and English text for the UI. */
export class ModelDownloadError extends Error {
	constructor(
		readonly code: 'http' | 'integrity' | 'network',
		readonly path: string,
		detail: string
	) {
		super(`${path}: ${detail}`);
		this.name = 'ModelDownloadError';
	}
	get text(): { zh: string; en: string } {
		if (this.code === 'integrity')
			return {
				zh: '识别组件校验失败，请重试',
				en: 'A recognition file failed its check: try again'
			};
		return { zh: '下载中断，请重试', en: 'Download interrupted: try again' };
	}
}

export function memoryChunkStore(): ChunkStore {
	const m = new Map<string, Map<number, Uint8Array>>();
	return {
		list: async (path) => [...(m.get(path) ?? [])].map(([offset, bytes]) => ({ offset, bytes })),
		put: async (path, offset, bytes) => {
			const f = m.get(path) ?? new Map<number, Uint8Array>();
			f.set(offset, bytes);
			m.set(path, f);
		},
		clear: async (path) => void m.delete(path)
	};
}

const PARTIAL_PREFIX = '/__partial__';

/** Chunks in Cache Storage (`cacheName`), one entry per chunk keyed by path and offset. */
export function cacheChunkStore(cacheName: string): ChunkStore {
	const open = () => caches.open(cacheName);
	const keyOf = (path: string, offset: number) => `${PARTIAL_PREFIX}${path}/${offset}`;
	const offsetOf = (path: string, url: string): number | undefined => {
		const p = new URL(url).pathname;
		const prefix = `${PARTIAL_PREFIX}${path}/`;
		if (!p.startsWith(prefix)) return undefined;
		const n = Number(p.slice(prefix.length));
		return Number.isInteger(n) ? n : undefined;
	};
	return {
		async list(path) {
			const cache = await open();
			const out: { offset: number; bytes: Uint8Array }[] = [];
			for (const req of await cache.keys()) {
				const offset = offsetOf(path, req.url);
				const res = offset === undefined ? undefined : await cache.match(req);
				if (res && offset !== undefined)
					out.push({ offset, bytes: new Uint8Array(await res.arrayBuffer()) });
			}
			return out;
		},
		async put(path, offset, bytes) {
			await (await open()).put(keyOf(path, offset), new Response(bytes.slice()));
		},
		async clear(path) {
			const cache = await open();
			for (const req of await cache.keys())
				if (offsetOf(path, req.url) !== undefined) await cache.delete(req);
		}
	};
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
	const d = await crypto.subtle.digest('SHA-256', bytes.slice().buffer);
	return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The contiguous prefix of the kept chunks (a gap ends it). */
async function keptPrefix(chunks: ChunkStore, path: string, total: number): Promise<Uint8Array[]> {
	const list = (await chunks.list(path)).sort((a, b) => a.offset - b.offset);
	const out: Uint8Array[] = [];
	let at = 0;
	for (const c of list) {
		if (c.offset !== at || at + c.bytes.byteLength > total) break;
		out.push(c.bytes);
		at += c.bytes.byteLength;
	}
	return out;
}

const byteLength = (parts: readonly Uint8Array[]) => parts.reduce((n, p) => n + p.byteLength, 0);

function concat(parts: readonly Uint8Array[], total: number): Uint8Array<ArrayBuffer> {
	const out = new Uint8Array(total);
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.byteLength;
	}
	return out;
}

/** `start` of a `Content-Range: bytes start-end/size` header, or undefined. */
function rangeStart(res: Response): number | undefined {
	const m = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(res.headers.get('content-range') ?? '');
	return m ? Number(m[1]) : undefined;
}

const defaultSleep = (attempt: number) =>
	new Promise<void>((r) => setTimeout(r, Math.min(8000, 500 * 2 ** attempt)));

/**
 * Downloads `asset` (resuming from kept chunks), verifies its sha256 and returns the bytes. The
 * chunks are cleared once the file is whole and verified; the caller stores the file.
 */
export async function downloadAsset(
	asset: ModelAsset,
	opts: DownloadOptions = {}
): Promise<Uint8Array<ArrayBuffer>> {
	const doFetch = opts.fetch ?? fetch;
	const chunks = opts.chunks ?? memoryChunkStore();
	const retries = opts.retries ?? 5;
	const sleep = opts.sleep ?? defaultSleep;
	const flushBytes = opts.flushBytes ?? 256 * 1024;
	const { path, bytes: total } = asset;
	let integrityRetried = false;
	let failures = 0;

	for (;;) {
		const parts = await keptPrefix(chunks, path, total);
		let have = byteLength(parts);
		opts.onProgress?.({ path, loaded: have, total });
		if (have < total) {
			try {
				const headers: Record<string, string> = have > 0 ? { range: `bytes=${have}-` } : {};
				const res = await doFetch(path, { headers, signal: opts.signal, cache: 'no-store' });
				if (res.status === 416 || (!res.ok && res.status !== 206)) {
					await chunks.clear(path);
					if (res.status === 416 && have > 0) continue; // our offset was stale: start over
					throw new ModelDownloadError('http', path, `HTTP ${res.status}`);
				}
				if (have > 0 && (res.status !== 206 || rangeStart(res) !== have)) {
					// The server ignored Range (or answered another range): take this body from zero.
					await chunks.clear(path);
					parts.length = 0;
					have = 0;
					if (res.status === 206) continue;
				}
				if (!res.body) throw new ModelDownloadError('http', path, 'no body');
				opts.onHeaders?.(res.headers);
				const reader = res.body.getReader();
				let pending: Uint8Array[] = [];
				let pendingAt = have;
				const flush = async () => {
					if (pending.length === 0) return;
					const c = concat(pending, byteLength(pending));
					pending = [];
					await chunks.put(path, pendingAt, c);
					pendingAt += c.byteLength;
				};
				try {
					for (;;) {
						const { done, value } = await reader.read();
						if (done) break;
						parts.push(value);
						pending.push(value);
						have += value.byteLength;
						opts.onProgress?.({ path, loaded: Math.min(have, total), total });
						if (byteLength(pending) >= flushBytes) await flush();
					}
				} finally {
					// Keep what arrived, also when the connection dropped mid-stream.
					await flush().catch(() => undefined);
				}
				if (have < total) throw new Error(`connection closed at ${have} of ${total} bytes`);
			} catch (err) {
				if (err instanceof ModelDownloadError || opts.signal?.aborted) throw err;
				if (++failures > retries) throw new ModelDownloadError('network', path, String(err));
				await sleep(failures);
				continue;
			}
		}
		if (have === total) {
			const file = concat(parts, total);
			if ((await sha256Hex(file)) === asset.sha256) {
				await chunks.clear(path);
				return file;
			}
		}
		// Too long, or the right length with the wrong bytes: fetch the file once more from zero.
		await chunks.clear(path);
		if (integrityRetried)
			throw new ModelDownloadError('integrity', path, `sha256 or size mismatch (${have} bytes)`);
		integrityRetried = true;
	}
}

/** Where a finished file goes, and where its chunks wait (Cache Storage names). */
export interface ModelCaches {
	files: string;
	partial: string;
}

/**
 * The bytes of the file at `asset.path`: from the offline cache when there, else downloaded
 * (resumable, verified) and put there whole, so the service worker serves it offline afterwards.
 * Without Cache Storage (insecure context, tests) it is a verified download only. One download
 * per file across page and workers (Web Locks, where available).
 */
export async function loadModelBytes(
	asset: ModelAsset,
	names: ModelCaches,
	opts: DownloadOptions = {}
): Promise<Uint8Array<ArrayBuffer>> {
	if (!globalThis.caches) return downloadAsset(asset, opts);
	const run = async () => {
		const files = await caches.open(names.files);
		const hit = await files.match(asset.path);
		if (hit) {
			const bytes = new Uint8Array(await hit.arrayBuffer());
			if (bytes.byteLength === asset.bytes) {
				opts.onProgress?.({ path: asset.path, loaded: asset.bytes, total: asset.bytes });
				return bytes;
			}
			await files.delete(asset.path);
		}
		let served: Headers | undefined;
		const bytes = await downloadAsset(asset, {
			chunks: cacheChunkStore(names.partial),
			...opts,
			onHeaders: (h) => {
				served = h;
				opts.onHeaders?.(h);
			}
		});
		await files.put(
			asset.path,
			new Response(bytes.slice(), { headers: cachedHeaders(asset, served) })
		);
		return bytes;
	};
	const locks = (
		globalThis as {
			navigator?: { locks?: { request<T>(name: string, cb: () => Promise<T>): Promise<T> } };
		}
	).navigator?.locks;
	return locks ? locks.request(`kaihu-model:${asset.path}`, run) : run();
}

/** Per-range or per-transfer headers that do not describe the whole stored file. */
const TRANSFER_HEADERS = new Set([
	'content-length',
	'content-range',
	'content-encoding',
	'transfer-encoding',
	'connection',
	'keep-alive',
	'date'
]);

/**
 * Headers of the stored copy: the server's own (its CSP, COOP/COEP/CORP, nosniff — the service
 * worker answers later requests for this path with this copy, and a script imported from it must
 * carry the same policy as one from the network), minus transfer headers, with the whole file's
 * type and length. A file restored entirely from kept chunks has no response: type and length only.
 */
function cachedHeaders(asset: ModelAsset, served: Headers | undefined): Headers {
	const out = new Headers();
	served?.forEach((value, name) => {
		if (!TRANSFER_HEADERS.has(name.toLowerCase())) out.set(name, value);
	});
	out.set('content-type', contentType(asset.path));
	out.set('content-length', String(asset.bytes));
	return out;
}

function contentType(path: string): string {
	if (path.endsWith('.wasm')) return 'application/wasm';
	if (path.endsWith('.js') || path.endsWith('.mjs')) return 'text/javascript';
	if (path.endsWith('.txt')) return 'text/plain; charset=utf-8';
	return 'application/octet-stream';
}
