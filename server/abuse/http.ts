/**
 * The fuzz target on a real socket: the target's app served by `@hono/node-server` on a loopback
 * port the OS picks, so the fuzzer (`runFuzz(t, { origin })`) sees what a device sees — status
 * lines, headers, and connections that close without an answer.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Target } from './target.ts';

export async function serveTarget(t: Target): Promise<{ origin: string; close(): Promise<void> }> {
	const server: ServerType = await new Promise((resolve) => {
		const s = serve({ fetch: t.h.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
	});
	const { port } = server.address() as AddressInfo;
	return {
		origin: `http://127.0.0.1:${port}`,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				(server as { closeAllConnections?: () => void }).closeAllConnections?.();
			})
	};
}
