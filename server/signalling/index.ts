/**
 * PeerJS-server-compatible, closed signalling: `GET <path>/<key>/id` on Hono and the socket at
 * `<path>/peerjs?key&id&token` straight on `ws`. Mount with {@link createSignalling}, then
 * `inject` the node server so WebSocket upgrades reach the hub.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Http2SecureServer, Http2Server } from 'node:http2';
import type { Duplex } from 'node:stream';
import type { Hono } from 'hono';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
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
	let mounted = false;

	const authority = opts.authority as Partial<CredentialIssuer>;
	return {
		hub,
		authority: opts.authority,
		issuer: typeof authority.issue === 'function' ? (authority as CredentialIssuer) : null,
		mount(app) {
			mounted = true;
			const clientConfig: WitnessClientConfig = {
				path,
				key: opts.key ?? DEFAULT_KEY,
				iceServers: opts.iceServers ?? []
			};
			app.get('/api/witness/config', (c) => c.json(clientConfig));
			// peerjs-server hands out random ids; in closed mode an id is useless without a credential.
			app.get(`${path}/:key/id`, (c) => c.text(randomUUID()));
		},
		inject(server) {
			if (!mounted) throw new Error('mount the signalling on the app before inject()');
			const wss = new WebSocketServer({
				noServer: true,
				// Frames far above the limit are cut by `ws` before they are buffered whole (close 1009).
				maxPayload: hub.limits.maxMessageBytes * 2,
				perMessageDeflate: false,
				// The hub knows its sessions; a second registry would cost memory per peer.
				clientTracking: false,
				WebSocket: SignalSocket
			});
			const socketPath = `${path}/peerjs`;
			server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
				const url = new URL(req.url ?? '/', 'http://localhost');
				if (url.pathname !== socketPath) {
					socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
					return;
				}
				// Called synchronously (no extension negotiation): nothing here outlives the upgrade.
				wss.handleUpgrade(req, socket, head, (ws) => {
					ws.on('message', onSocketMessage);
					ws.on('close', onSocketClose);
					ws.on('error', ignore);
					ws.session = hub.connect(ws, url.searchParams);
				});
			});
		},
		close: () => hub.close()
	};
}

/**
 * A `ws` socket that carries its session, so each connection costs the socket, the session and
 * nothing else: the listeners below are shared, not closures per socket, and no request, URL or
 * HTTP context is kept once the upgrade is done.
 */
class SignalSocket extends WebSocket {
	session: Session | null = null;
}

function onSocketMessage(this: WebSocket, data: RawData, isBinary: boolean): void {
	const session = (this as SignalSocket).session;
	if (!session) return;
	if (isBinary) session.terminate();
	else session.message((data as Buffer).toString('utf8'));
}

function onSocketClose(this: WebSocket): void {
	(this as SignalSocket).session?.closed();
}

/** Socket errors are followed by `close`, which is what the session acts on. */
function ignore(): void {}
