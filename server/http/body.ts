/**
 * The JSON API's request body, read once with a size limit before any route runs.
 *
 * Why not `hono/body-limit`: it asks for `c.req.raw.body`, which makes `@hono/node-server` build
 * a whole fetch `Request` (undici headers, a web stream over the socket) on every request — the
 * largest cost of a `POST /api/records` after the database. Here the bytes come straight from
 * Node's `IncomingMessage` when the request arrived over a socket (from the fetch body under
 * `app.request()` in tests), and land in Hono's body cache, so `c.req.json()` parses them
 * without a `Request` ever being built. A declared `Content-Length` over the limit is refused
 * before anything is read.
 */
import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from './errors.ts';

const decoder = new TextDecoder();

const tooLarge = () =>
	new ApiError(413, 'payload_too_large', 'Request body too large / 请求内容过大');

/** The socket's request when nothing has started reading it (no fetch `Request` over it yet). */
function untouchedIncoming(c: Context): IncomingMessage | undefined {
	const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
	if (!incoming || typeof incoming.on !== 'function') return undefined;
	return incoming.readableFlowing === null && !incoming.readableDidRead ? incoming : undefined;
}

/** Reads the socket's body; `undefined` when it passes `max` (the rest is discarded). */
function readIncoming(incoming: IncomingMessage, max: number): Promise<Buffer | undefined> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		const done = () => {
			incoming.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
		};
		const onData = (chunk: Buffer) => {
			size += chunk.length;
			if (size <= max) return void chunks.push(chunk);
			done();
			// Keep draining (and dropping) so the 413 can still be written on this connection.
			incoming.resume();
			resolve(undefined);
		};
		const onEnd = () => {
			done();
			resolve(Buffer.concat(chunks, size));
		};
		const onError = (err: Error) => {
			done();
			reject(err);
		};
		const onClose = () => {
			done();
			reject(new ApiError(400, 'bad_request', 'Request body incomplete / 请求内容不完整'));
		};
		incoming.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
	});
}

async function readStream(
	body: ReadableStream<Uint8Array>,
	max: number
): Promise<Uint8Array | undefined> {
	const chunks: Uint8Array[] = [];
	let size = 0;
	// A reader, not `for await`: the DOM lib svelte-check uses gives ReadableStream no async iterator.
	const reader = body.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.length;
		if (size > max) {
			await reader.cancel();
			return undefined;
		}
		chunks.push(value);
	}
	return Buffer.concat(chunks, size);
}

/**
 * Reads the body of every request it sees (up to `maxSize` bytes, else `413 payload_too_large`)
 * into `c.req`'s body cache. Mount it only where routes take JSON (not on streaming uploads).
 *
 * @example
 * const body = bufferedBody(API_BODY_LIMIT);
 * app.use('/api/*', (c, next) => (isUpload(c) ? next() : body(c, next)));
 */
export function bufferedBody(maxSize: number): MiddlewareHandler {
	return async (c, next) => {
		const declared = c.req.header('content-length');
		const chunked = c.req.header('transfer-encoding') !== undefined;
		if (declared !== undefined && !chunked) {
			if (Number(declared) > maxSize) throw tooLarge();
			if (declared === '0') return next();
		}
		const incoming = untouchedIncoming(c);
		let bytes: Uint8Array | undefined;
		if (incoming) bytes = await readIncoming(incoming, maxSize);
		else if (c.req.raw.body) bytes = await readStream(c.req.raw.body, maxSize);
		else return next();
		if (!bytes) throw tooLarge();
		const data = bytes;
		// Hono's type says values, but its cache holds the promises `c.req.json()` awaits.
		const cache = c.req.bodyCache as Record<string, Promise<unknown>>;
		cache.text = Promise.resolve(decoder.decode(data));
		cache.arrayBuffer = Promise.resolve(
			data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)
		);
		return next();
	};
}
