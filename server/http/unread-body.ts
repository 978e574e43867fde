import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from 'hono';

/**
 * Marks the answer `Connection: close` when the request's body was not read to its end (refused
 * before its body: 401/403/404, the body limit's 413, a tus conflict). The Node adapter drains
 * such a body for 500 ms at most and then destroys the socket; a client that had been told the
 * connection stays open would send its next request into that socket and see it dropped with no
 * answer (the fuzz over HTTP found it: a 1 MB body refused, the request after it "other side
 * closed"). Saying `close` makes the client open a new connection instead (RFC 9112 §9.6).
 *
 * Over a socket the test is the adapter's own (`incoming.readableEnded`): the JSON body reader
 * (`./body.ts`) reads the `IncomingMessage` directly, so the fetch `Request`'s `bodyUsed` stays
 * false there although the body was read to its end. Under `app.request()` (no socket) it is
 * `bodyUsed`.
 */
export function closeIfBodyUnread(c: Context): void {
	const { incoming, outgoing } = (c.env ?? {}) as {
		incoming?: IncomingMessage;
		outgoing?: ServerResponse;
	};
	if (incoming && typeof incoming.on === 'function' && outgoing) {
		// Node's own parsed headers: asking the fetch `Request` would build its `Headers`.
		const declared = incoming.headers['content-length'];
		const hasBody =
			(declared !== undefined && declared !== '0') || 'transfer-encoding' in incoming.headers;
		if (hasBody && (c.res.status === 413 || !incoming.readableEnded))
			outgoing.setHeader('connection', 'close');
		return;
	}
	const req = c.req.raw;
	const declared = req.headers.get('content-length');
	const hasBody = (declared !== null && declared !== '0') || req.headers.has('transfer-encoding');
	if (hasBody && (c.res.status === 413 || !req.bodyUsed)) c.res.headers.set('connection', 'close');
}
