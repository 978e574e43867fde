import type { RoutedMessage } from './protocol.ts';

/** Outcome of sending a message towards a peer. */
export type SendResult =
	{ kind: 'delivered' } | { kind: 'queued'; ticket: QueueTicket } | { kind: 'dropped' };

/** Identifies one queued message so its expiry can be checked (and it removed) exactly once. */
export type QueueTicket = { dst: string; ref: unknown };

/** Where a connected peer's messages go (the session itself: no closure per peer). */
export interface PeerSink {
	deliver(msg: RoutedMessage): void;
}

/**
 * Where peers live and how messages reach them. {@link LocalBus} keeps everything in this
 * process; `RedisBus` shares ids, queues and delivery between instances.
 */
export interface SignalBus {
	/** Claims `peerId` for `owner` cluster-wide; `force` replaces a stale claim of our own. */
	claim(peerId: string, owner: string, ttlMs: number, force: boolean): Promise<boolean>;
	/** Keeps a claim alive (called on heartbeats). */
	refresh(peerId: string, owner: string, ttlMs: number): Promise<void>;
	/** Gives the id up, only if `owner` still holds it. */
	release(peerId: string, owner: string): Promise<void>;
	/** Starts delivering `peerId`'s messages here; then returns what was queued for it. */
	attach(peerId: string, sink: PeerSink): Promise<RoutedMessage[]>;
	detach(peerId: string): Promise<void>;
	/**
	 * Delivers to wherever `msg.dst` is attached; otherwise queues it (when `queue` is given and
	 * the destination's queue has room) atomically with the delivery attempt.
	 */
	send(msg: RoutedMessage, queue?: { ttlMs: number; max: number }): Promise<SendResult>;
	/** True when the ticket's message was still queued (it is removed): it expired undelivered. */
	expire(ticket: QueueTicket): Promise<boolean>;
	close(): Promise<void>;
}

interface Queued {
	msg: RoutedMessage;
}

/** Single-instance bus: maps in memory, delivery is synchronous. */
export class LocalBus implements SignalBus {
	readonly #owners = new Map<string, string>();
	readonly #attached = new Map<string, PeerSink>();
	readonly #queues = new Map<string, Queued[]>();

	async claim(peerId: string, owner: string, _ttlMs: number, force: boolean): Promise<boolean> {
		if (!force && this.#owners.has(peerId)) return false;
		this.#owners.set(peerId, owner);
		return true;
	}

	async refresh(): Promise<void> {}

	async release(peerId: string, owner: string): Promise<void> {
		if (this.#owners.get(peerId) === owner) this.#owners.delete(peerId);
	}

	async attach(peerId: string, sink: PeerSink): Promise<RoutedMessage[]> {
		this.#attached.set(peerId, sink);
		const queued = this.#queues.get(peerId) ?? [];
		this.#queues.delete(peerId);
		return queued.map((q) => q.msg);
	}

	async detach(peerId: string): Promise<void> {
		this.#attached.delete(peerId);
	}

	async send(msg: RoutedMessage, queue?: { ttlMs: number; max: number }): Promise<SendResult> {
		const sink = this.#attached.get(msg.dst);
		if (sink) {
			sink.deliver(msg);
			return { kind: 'delivered' };
		}
		if (!queue) return { kind: 'dropped' };
		const q = this.#queues.get(msg.dst) ?? [];
		if (q.length >= queue.max) return { kind: 'dropped' };
		const item: Queued = { msg };
		q.push(item);
		this.#queues.set(msg.dst, q);
		return { kind: 'queued', ticket: { dst: msg.dst, ref: item } };
	}

	async expire(ticket: QueueTicket): Promise<boolean> {
		const q = this.#queues.get(ticket.dst);
		const i = q?.indexOf(ticket.ref as Queued) ?? -1;
		if (!q || i < 0) return false;
		q.splice(i, 1);
		if (q.length === 0) this.#queues.delete(ticket.dst);
		return true;
	}

	async close(): Promise<void> {
		this.#attached.clear();
		this.#queues.clear();
		this.#owners.clear();
	}
}
