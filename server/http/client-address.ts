import type { Context } from 'hono';

let trusted: ReadonlySet<string> = new Set();

/**
 * Believe `X-Forwarded-For` from these peer addresses only (`KAIHU_TRUSTED_PROXIES`, set once by
 * `server/index.ts`): behind a balancer every connection comes from the balancer, and the
 * per-address limits would otherwise count all its clients as one.
 */
export function trustProxies(addresses: readonly string[]): void {
	trusted = new Set(addresses);
}

/**
 * The client's address: the peer address of the TCP connection (from `@hono/node-server`'s env),
 * or `local` for in-process requests. Proxy headers are not trusted — a client could forge
 * them — unless the peer is a trusted proxy; then the right-most `X-Forwarded-For` hop that is
 * not itself a trusted proxy (hops further left were written by the client and prove nothing).
 */
export function clientAddress(c: Context): string {
	const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
	const peer = env?.incoming?.socket?.remoteAddress ?? 'local';
	if (!trusted.has(peer)) return peer;
	const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((h) => h.trim());
	for (let i = hops.length - 1; i >= 0; i--) {
		const hop = hops[i]!;
		if (hop && !trusted.has(hop)) return hop;
	}
	return peer;
}
