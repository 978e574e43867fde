/**
 * Test helpers: the real app with signalling on a loopback port, and a raw `ws` client that
 * records what the server sends. Used by the signalling tests and the bench.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import WebSocket from 'ws';
import { createApp } from '../app.ts';
import { openStorage, type Storage } from '../storage/index.ts';
import { HmacAuthority } from './credentials.ts';
import { createSignalling, SIGNALLING_PATH, type Signalling } from './index.ts';
import type { HubOptions } from './hub.ts';

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123';

export interface TestServer {
	port: number;
	authority: HmacAuthority;
	signalling: Signalling;
	close(): Promise<void>;
}

/** Starts the real app (in-memory SQLite) with signalling on 127.0.0.1:<free port>. */
export async function startSignallingServer(opts: Partial<HubOptions> = {}): Promise<TestServer> {
	const authority = new HmacAuthority(TEST_SECRET);
	const storage: Storage = await openStorage({ dataDir: ':memory:' });
	const signalling = createSignalling({ authority, ...opts });
	const app = createApp({ storage, version: 'test', signalling });
	const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
	await new Promise<void>((resolve) => server.once('listening', resolve));
	signalling.inject(server);
	const port = (server.address() as AddressInfo).port;
	return {
		port,
		authority,
		signalling,
		async close() {
			await signalling.close();
			const http = server as import('node:http').Server;
			http.closeAllConnections();
			await new Promise<void>((resolve) => http.close(() => resolve()));
			await storage.close();
		}
	};
}

export interface ServerMsg {
	type: string;
	src?: string;
	dst?: string;
	payload?: unknown;
}

/** A PeerJS-protocol client on a raw socket. */
export class TestPeer {
	readonly ws: WebSocket;
	readonly received: ServerMsg[] = [];
	readonly closed: Promise<number>;
	#waiters: (() => void)[] = [];

	constructor(port: number, query: Record<string, string>) {
		const qs = new URLSearchParams(query).toString();
		this.ws = new WebSocket(`ws://127.0.0.1:${port}${SIGNALLING_PATH}/peerjs?${qs}`);
		this.ws.on('message', (data) => {
			this.received.push(JSON.parse(String(data)) as ServerMsg);
			for (const w of this.#waiters.splice(0)) w();
		});
		this.ws.on('error', () => {});
		this.closed = new Promise((resolve) => this.ws.on('close', (code) => resolve(code)));
	}

	/** Opens `id` with `token` and the default key. */
	static open(port: number, id: string, token: string, key = 'kaihu'): TestPeer {
		return new TestPeer(port, { key, id, token });
	}

	/** Waits for the first received message matching `pred` (already received ones count). */
	async next(pred: (m: ServerMsg) => boolean = () => true, timeoutMs = 3000): Promise<ServerMsg> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const hit = this.received.find(pred);
			if (hit) return hit;
			const left = deadline - Date.now();
			if (left <= 0) throw new Error(`timed out; received ${JSON.stringify(this.received)}`);
			await new Promise<void>((resolve) => {
				const t = setTimeout(resolve, left);
				this.#waiters.push(() => {
					clearTimeout(t);
					resolve();
				});
			});
		}
	}

	send(msg: Record<string, unknown> | string): void {
		this.ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
	}

	close(): void {
		this.ws.close();
	}
}
