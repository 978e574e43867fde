/**
 * PeerJS-server-compatible, closed signalling on Hono: `GET <path>/<key>/id` and the socket at
 * `<path>/peerjs?key&id&token`. Mount with {@link createSignalling}, then `inject` the node
 * server so WebSocket upgrades reach the app.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Http2SecureServer, Http2Server } from 'node:http2';
import { createNodeWebSocket } from '@hono/node-ws';
import type { Hono } from 'hono';
import type { IceServerConfig } from './config.ts';
import type { IssueRequest } from './credentials.ts';
import { DEFAULT_KEY, SignallingHub, type HubOptions } from './hub.ts';
import type { Session } from './session.ts';

import type { SignallingAuthority } from './authority.ts';

export { SignallingHub, DEFAULT_KEY } from './hub.ts';
export { HmacAuthority } from './credentials.ts';
export {
	witnessPeerId,
	type SignallingAuthority,
	type Grant,
	type WitnessRole
} from './authority.ts';
export { LocalBus, type SignalBus } from './bus.ts';

/** Where the signalling lives; the client passes it as PeerJS `path`. */
export const SIGNALLING_PATH = '/api/witness/signal';

export interface Signalling {
	hub: SignallingHub;
	/** Who may signal; also verifies the call credential a recording's segments carry. */
	authority: SignallingAuthority;
	/** Issues credentials this signalling accepts (when its authority can issue, e.g. HMAC). */
	issuer: CredentialIssuer | null;
	/** Adds the routes to `app` (before its `/api/*` catch-all). */
	mount(app: Hono): void;
	/** Lets the node server hand WebSocket upgrades to the app. Call once, after `serve()`. */
	inject(server: Server | Http2Server | Http2SecureServer): void;
	close(): Promise<void>;
}

export interface SignallingOptions extends HubOptions {
	path?: string;
	/** STUN/TURN servers for clients; empty on a LAN. */
	iceServers?: IceServerConfig[];
}

/** Something that issues credentials, e.g. {@link HmacAuthority}. */
export interface CredentialIssuer {
	issue(req: IssueRequest): string;
}

/** What `GET /api/witness/config` tells the client: how to reach signalling and TURN. */
export interface WitnessClientConfig {
	path: string;
	key: string;
	iceServers: IceServerConfig[];
}

/**
 * @example
 * const signalling = createSignalling({ authority: new HmacAuthority(secret) });
 * const app = createApp({ storage, version, signalling });
 * signalling.inject(serve({ fetch: app.fetch, port }));
 */
export function createSignalling(opts: SignallingOptions): Signalling {
	const hub = new SignallingHub(opts);
	const path = opts.path ?? SIGNALLING_PATH;
	let injectInto: ((server: Server | Http2Server | Http2SecureServer) => void) | null = null;

	const authority = opts.authority as Partial<CredentialIssuer>;
	return {
		hub,
		authority: opts.authority,
		issuer: typeof authority.issue === 'function' ? (authority as CredentialIssuer) : null,
		mount(app) {
			const nodeWs = createNodeWebSocket({ app });
			// Frames far above the limit are cut by `ws` before they are buffered whole (close 1009).
			nodeWs.wss.options.maxPayload = hub.limits.maxMessageBytes * 2;
			injectInto = (server) => nodeWs.injectWebSocket(server);

			const clientConfig: WitnessClientConfig = {
				path,
				key: opts.key ?? DEFAULT_KEY,
				iceServers: opts.iceServers ?? []
			};
			app.get('/api/witness/config', (c) => c.json(clientConfig));
			// peerjs-server hands out random ids; in closed mode an id is useless without a credential.
			app.get(`${path}/:key/id`, (c) => c.text(randomUUID()));
			app.get(
				`${path}/peerjs`,
				nodeWs.upgradeWebSocket((c) => {
					const query = new URL(c.req.url).searchParams;
					let session: Session | null = null;
					return {
						onOpen(_e, ws) {
							session = hub.connect(
								{ send: (d) => ws.send(d), close: (code, reason) => ws.close(code, reason) },
								query
							);
						},
						onMessage(e) {
							if (typeof e.data === 'string') session?.message(e.data);
							else session?.terminate();
						},
						onClose() {
							session?.closed();
						}
					};
				})
			);
		},
		inject(server) {
			if (!injectInto) throw new Error('mount the signalling on the app before inject()');
			injectInto(server);
		},
		close: () => hub.close()
	};
}
