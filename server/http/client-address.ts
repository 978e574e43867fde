import type { Context } from 'hono';

/**
 * The peer address of the TCP connection (from `@hono/node-server`'s env), or `local` for
 * in-process requests. Proxy headers are deliberately not trusted: a client could forge them.
 */
export function clientAddress(c: Context): string {
	const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
	return env?.incoming?.socket?.remoteAddress ?? 'local';
}
