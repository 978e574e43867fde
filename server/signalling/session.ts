import type { PeerSink } from './bus.ts';
import type { SignallingHub } from './hub.ts';
import {
	clientMessageSchema,
	errorFrame,
	frame,
	MessageType,
	ServerError,
	type RoutedMessage
} from './protocol.ts';

/** The transport under a session (a `ws` socket). */
export interface SocketLike {
	send(data: string): void;
	close(code?: number, reason?: string): void;
}

type State = 'opening' | 'open' | 'closed';

/** Types worth queueing for a peer that is not connected yet (peerjs-server's rule). */
const QUEUED_TYPES = new Set<string>([
	MessageType.OFFER,
	MessageType.ANSWER,
	MessageType.CANDIDATE
]);

/**
 * One client connection. Created by {@link SignallingHub.connect}; the transport feeds it.
 * Kept small — an idle waiting call costs this record, its socket and a few map entries: the
 * rate bucket is two fields, frames that arrive while opening get an array only when they come,
 * and the session is its own bus sink.
 */
export class Session implements PeerSink {
	state: State = 'opening';
	/** The id this connection holds, once the credential is verified. */
	peerId: string | null = null;
	/** The only peer id it may signal (the other party of its booking), set with `peerId`. */
	counterpartId: string | null = null;
	lastSeen: number;
	lastRefresh: number;
	/** Token bucket (see `SignallingLimits.ratePerSecond` and `burst`): tokens left, as of when. */
	#tokens: number;
	#tokensAt: number;
	#early: string[] | null = null;

	constructor(
		readonly hub: SignallingHub,
		readonly socket: SocketLike,
		/** The presented credential: only the identical one may replace a stale connection. */
		readonly token: string,
		/** Unique per connection, used as the cluster-wide owner of the id. */
		readonly owner: string
	) {
		const now = hub.now();
		this.lastSeen = now;
		this.lastRefresh = now;
		this.#tokens = hub.limits.burst;
		this.#tokensAt = now;
	}

	/** Whether the socket is gone (a method, so callers re-read it after an `await`). */
	isClosed(): boolean {
		return this.state === 'closed';
	}

	/** Sends a frame unless closed; send errors mean the socket is going away anyway. */
	send(data: string): void {
		if (this.state === 'closed') return;
		try {
			this.socket.send(data);
		} catch {
			this.terminate();
		}
	}

	/** Sends ERROR and closes, as peerjs-server does for refused connections. */
	refuse(msg: ServerError): void {
		this.send(errorFrame(msg));
		this.terminate();
	}

	/** A message routed to this peer. */
	deliver(msg: RoutedMessage): void {
		this.send(JSON.stringify(msg));
	}

	/** Marks the session open and replays frames that arrived while the credential was checked. */
	opened(): void {
		this.state = 'open';
		const early = this.#early;
		this.#early = null;
		if (early) for (const raw of early) this.message(raw);
	}

	/** Takes one token; false once the connection exceeds its rate. */
	#take(now: number): boolean {
		const { ratePerSecond, burst } = this.hub.limits;
		const tokens = Math.min(burst, this.#tokens + ((now - this.#tokensAt) / 1000) * ratePerSecond);
		this.#tokensAt = now;
		if (tokens < 1) {
			this.#tokens = tokens;
			return false;
		}
		this.#tokens = tokens - 1;
		return true;
	}

	/** A text frame from the client (binary frames are refused by the transport). */
	message(raw: string): void {
		if (this.state === 'closed') return;
		const limits = this.hub.limits;
		// Byte length ≤ 3 × UTF-16 length, so only long frames need measuring.
		if (
			raw.length * 3 > limits.maxMessageBytes &&
			Buffer.byteLength(raw) > limits.maxMessageBytes
		) {
			return this.refuse(ServerError.MESSAGE_TOO_LARGE);
		}
		const now = this.hub.now();
		if (!this.#take(now)) return this.refuse(ServerError.RATE_LIMITED);
		if (this.state === 'opening') {
			(this.#early ??= []).push(raw);
			return;
		}
		this.lastSeen = now;
		let parsed: unknown;
		try {
			parsed = JSON.parse(raw);
		} catch {
			return; // peerjs-server ignores unparsable frames too
		}
		const msg = clientMessageSchema.safeParse(parsed);
		if (!msg.success || this.peerId === null) return;
		const { type, dst, payload } = msg.data;
		if (type === MessageType.HEARTBEAT) return this.hub.heartbeat(this);
		if (!dst) return;
		if (dst !== this.counterpartId) {
			// Not this booking's other party: answer as if the peer did not exist.
			if (type === MessageType.OFFER || type === MessageType.CANDIDATE) {
				this.send(frame(MessageType.EXPIRE, { src: dst }));
			}
			return;
		}
		const routed: RoutedMessage = { type, src: this.peerId, dst, payload };
		void this.hub.route(routed, QUEUED_TYPES.has(type));
	}

	/** Closes the socket and forgets the session. */
	terminate(): void {
		if (this.state === 'closed') return;
		this.state = 'closed';
		try {
			this.socket.close();
		} catch {
			// already closed
		}
		this.hub.forget(this);
	}

	/** The transport reports the socket closed. */
	closed(): void {
		if (this.state === 'closed') return;
		this.state = 'closed';
		this.hub.forget(this);
	}
}
