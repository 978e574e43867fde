import { randomBytes } from 'node:crypto';
import type { SignallingAuthority } from './authority.ts';
import { LocalBus, type SignalBus } from './bus.ts';
import { DEFAULT_LIMITS, type SignallingLimits } from './limits.ts';
import { frame, MessageType, ServerError, type RoutedMessage } from './protocol.ts';
import { Session, type SocketLike } from './session.ts';

export interface HubOptions {
	authority: SignallingAuthority;
	/** Defaults to a {@link LocalBus} (one instance). */
	bus?: SignalBus;
	/** The PeerJS `key` clients must present. */
	key?: string;
	limits?: Partial<SignallingLimits>;
	now?: () => number;
	/** Structured events without PII (no tokens, no payloads). */
	log?: (event: Record<string, unknown>) => void;
}

export const DEFAULT_KEY = 'kaihu';

/**
 * A flat copy of a string a session keeps. Query values are slices of the whole request URL and
 * template results are trees of their parts; kept as they are, each peer would hold the URL and
 * the pieces (≈ 250 bytes per peer more).
 */
function flat(s: string): string {
	return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

/**
 * The PeerJS-compatible, closed signalling core, independent of the transport: a connection
 * opens an id only with a valid credential for it, signals only its booking's other party,
 * and is bounded in frame size and rate.
 */
export class SignallingHub {
	readonly limits: SignallingLimits;
	readonly key: string;
	readonly bus: SignalBus;
	readonly now: () => number;
	/** Open sessions on this instance, by peer id. */
	readonly sessions = new Map<string, Session>();
	readonly #authority: SignallingAuthority;
	readonly #log: (event: Record<string, unknown>) => void;
	readonly #instance = randomBytes(6).toString('hex');
	readonly #recentExpire = new Set<string>();
	readonly #sweep: NodeJS.Timeout;
	#seq = 0;
	#opening = 0;

	constructor(opts: HubOptions) {
		this.#authority = opts.authority;
		this.bus = opts.bus ?? new LocalBus();
		this.key = opts.key ?? DEFAULT_KEY;
		this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
		this.now = opts.now ?? Date.now;
		this.#log = opts.log ?? (() => {});
		this.#sweep = setInterval(
			() => this.#closeSilent(),
			Math.max(250, this.limits.aliveTimeoutMs / 4)
		);
		this.#sweep.unref();
	}

	/**
	 * A socket arrived at `<path>/peerjs?key&id&token`. Returns its session at once; the transport
	 * forwards frames and the close to it while the credential is checked.
	 */
	connect(socket: SocketLike, query: URLSearchParams): Session {
		const id = flat(query.get('id') ?? '');
		const token = flat(query.get('token') ?? '');
		const key = query.get('key') ?? '';
		const owner = flat(`${this.#instance}:${++this.#seq}`);
		const session = new Session(this, socket, token, owner);
		if (!id || !token || !key) session.refuse(ServerError.INVALID_WS_PARAMETERS);
		else if (key !== this.key) session.refuse(ServerError.INVALID_KEY);
		else void this.#open(session, id);
		return session;
	}

	async #open(session: Session, id: string): Promise<void> {
		const verified = this.#authority.verify(session.token, id, this.now());
		if (!verified.ok || verified.grant.peerId !== id) {
			this.#log({ msg: 'signalling refused', reason: verified.ok ? 'wrong_peer' : verified.code });
			return session.refuse(ServerError.INVALID_TOKEN);
		}
		if (this.sessions.size + this.#opening >= this.limits.maxPeers) {
			return session.refuse(ServerError.CONNECTION_LIMIT_EXCEED);
		}
		const existing = this.sessions.get(id);
		const takeover =
			existing !== undefined &&
			existing.token === session.token &&
			this.now() - existing.lastSeen >= this.limits.staleTakeoverMs;
		if (existing && !takeover) return this.#idTaken(session);
		this.#opening++;
		try {
			const ttl = this.limits.aliveTimeoutMs + 5_000;
			if (!(await this.bus.claim(id, session.owner, ttl, takeover))) return this.#idTaken(session);
			if (takeover && existing) {
				// Drop the stale one without releasing: the claim is already ours.
				this.sessions.delete(id);
				existing.terminate();
			}
			if (session.isClosed()) return void this.bus.release(id, session.owner);
			// Only the two ids are kept, not the grant: memory per idle peer is what scales.
			session.peerId = id;
			session.counterpartId = flat(verified.grant.counterpartId);
			this.sessions.set(id, session);
			session.send(frame(MessageType.OPEN));
			const queued = await this.bus.attach(id, session);
			for (const msg of queued) session.send(JSON.stringify(msg));
			// Closed while attaching: forget() ran before the subscription existed.
			if (session.isClosed() && !this.sessions.has(id)) await this.bus.detach(id);
		} catch (err) {
			this.#log({ msg: 'signalling bus error', error: (err as Error).message });
			return session.refuse(ServerError.UNAVAILABLE);
		} finally {
			this.#opening--;
		}
		if (session.state === 'opening') session.opened();
	}

	#idTaken(session: Session): void {
		session.send(frame(MessageType.ID_TAKEN, { payload: { msg: 'ID is taken' } }));
		session.terminate();
	}

	/** Routes an authorised message; unanswered OFFER/ANSWER/CANDIDATE wait in the queue. */
	async route(msg: RoutedMessage, queueable: boolean): Promise<void> {
		const { queueTtlMs, maxQueuedPerPeer } = this.limits;
		try {
			const res = await this.bus.send(
				msg,
				queueable ? { ttlMs: queueTtlMs, max: maxQueuedPerPeer } : undefined
			);
			if (res.kind === 'queued') {
				setTimeout(() => void this.#expire(msg, res.ticket), queueTtlMs).unref();
			}
		} catch (err) {
			this.#log({ msg: 'signalling bus error', error: (err as Error).message });
		}
	}

	/** Tells the sender (once per pair and period) that its queued message was never picked up. */
	async #expire(msg: RoutedMessage, ticket: Parameters<SignalBus['expire']>[0]): Promise<void> {
		if (!(await this.bus.expire(ticket))) return;
		const pair = `${msg.src}>${msg.dst}`;
		if (this.#recentExpire.has(pair)) return;
		this.#recentExpire.add(pair);
		setTimeout(() => this.#recentExpire.delete(pair), this.limits.queueTtlMs).unref();
		await this.bus.send({ type: MessageType.EXPIRE, src: msg.dst, dst: msg.src });
	}

	/** HEARTBEAT: liveness is already updated; keep the cluster-wide claim alive now and then. */
	heartbeat(session: Session): void {
		const ttl = this.limits.aliveTimeoutMs + 5_000;
		if (session.peerId === null || session.lastSeen - session.lastRefresh < ttl / 3) return;
		session.lastRefresh = session.lastSeen;
		void this.bus.refresh(session.peerId, session.owner, ttl).catch(() => {});
	}

	/** A session ended: give its id back unless a newer session took it over. */
	forget(session: Session): void {
		const id = session.peerId;
		if (id === null || this.sessions.get(id) !== session) return;
		this.sessions.delete(id);
		void this.bus.detach(id).catch(() => {});
		void this.bus.release(id, session.owner).catch(() => {});
	}

	#closeSilent(): void {
		const cutoff = this.now() - this.limits.aliveTimeoutMs;
		for (const s of this.sessions.values()) if (s.lastSeen < cutoff) s.terminate();
	}

	/** Closes every session and the bus. */
	async close(): Promise<void> {
		clearInterval(this.#sweep);
		for (const s of [...this.sessions.values()]) s.terminate();
		await this.bus.close();
	}
}
