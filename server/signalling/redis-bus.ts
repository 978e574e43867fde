import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { PeerSink, QueueTicket, SendResult, SignalBus } from './bus.ts';
import type { RoutedMessage } from './protocol.ts';

/**
 * Publish to the peer's channel; when nobody is subscribed (the peer is connected nowhere),
 * queue it instead — in one script, so a peer attaching concurrently either receives it or
 * drains it, never neither.
 * KEYS: channel, queue. ARGV: message, queue? (1/0), max queued, queued entry, ttl ms.
 */
const SEND = `
if redis.call('PUBLISH', KEYS[1], ARGV[1]) > 0 then return 1 end
if ARGV[2] == '0' then return 0 end
if redis.call('LLEN', KEYS[2]) >= tonumber(ARGV[3]) then return 0 end
redis.call('RPUSH', KEYS[2], ARGV[4])
redis.call('PEXPIRE', KEYS[2], ARGV[5])
return 2`;

/** Compare-and-act on the owner key: only the holder may refresh or release its claim. */
const REFRESH = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export interface RedisBusOptions {
	url: string;
	/** Key and channel prefix (tests use a unique one per run). */
	prefix?: string;
}

/**
 * Several instances behind one Redis: an id's owner is a key with a TTL (kept alive by
 * heartbeats), each connected peer is a pub/sub channel, and queued messages are a list per peer.
 */
export class RedisBus implements SignalBus {
	readonly #cmd: Redis;
	readonly #sub: Redis;
	readonly #prefix: string;
	readonly #delivery = new Map<string, PeerSink>();

	constructor({ url, prefix = 'kaihu:sig:' }: RedisBusOptions) {
		const opts = { maxRetriesPerRequest: 2, lazyConnect: false };
		this.#cmd = new Redis(url, opts);
		this.#sub = new Redis(url, opts);
		this.#prefix = prefix;
		const channelPrefix = `${prefix}p:`;
		this.#sub.on('message', (channel: string, data: string) => {
			const sink = this.#delivery.get(channel.slice(channelPrefix.length));
			if (!sink) return;
			try {
				sink.deliver(JSON.parse(data) as RoutedMessage);
			} catch {
				// a malformed publish from elsewhere is dropped, never thrown into ioredis
			}
		});
		// ioredis reconnects by itself; without a listener an outage would crash the process.
		this.#cmd.on('error', () => {});
		this.#sub.on('error', () => {});
	}

	/** Resolves once both connections are ready (or rejects with the connection error). */
	async ready(): Promise<void> {
		await Promise.all([this.#cmd.ping(), this.#sub.ping()]);
	}

	#owner(id: string) {
		return `${this.#prefix}o:${id}`;
	}
	#channel(id: string) {
		return `${this.#prefix}p:${id}`;
	}
	#queue(id: string) {
		return `${this.#prefix}q:${id}`;
	}

	async claim(peerId: string, owner: string, ttlMs: number, force: boolean): Promise<boolean> {
		const key = this.#owner(peerId);
		const res = force
			? await this.#cmd.set(key, owner, 'PX', ttlMs)
			: await this.#cmd.set(key, owner, 'PX', ttlMs, 'NX');
		return res === 'OK';
	}

	async refresh(peerId: string, owner: string, ttlMs: number): Promise<void> {
		await this.#cmd.eval(REFRESH, 1, this.#owner(peerId), owner, ttlMs);
	}

	async release(peerId: string, owner: string): Promise<void> {
		await this.#cmd.eval(RELEASE, 1, this.#owner(peerId), owner);
	}

	async attach(peerId: string, sink: PeerSink): Promise<RoutedMessage[]> {
		this.#delivery.set(peerId, sink);
		await this.#sub.subscribe(this.#channel(peerId));
		const res = await this.#cmd
			.multi()
			.lrange(this.#queue(peerId), 0, -1)
			.del(this.#queue(peerId))
			.exec();
		const entries = (res?.[0]?.[1] as string[] | undefined) ?? [];
		return entries.map((e) => (JSON.parse(e) as { m: RoutedMessage }).m);
	}

	async detach(peerId: string): Promise<void> {
		this.#delivery.delete(peerId);
		await this.#sub.unsubscribe(this.#channel(peerId));
	}

	async send(msg: RoutedMessage, queue?: { ttlMs: number; max: number }): Promise<SendResult> {
		const body = JSON.stringify(msg);
		const entry = JSON.stringify({ n: randomBytes(6).toString('base64url'), m: msg });
		const res = await this.#cmd.eval(
			SEND,
			2,
			this.#channel(msg.dst),
			this.#queue(msg.dst),
			body,
			queue ? '1' : '0',
			queue?.max ?? 0,
			entry,
			// The list's own TTL only collects garbage; expiry proper is the sender's LREM, which must
			// still find the entry when its timer fires.
			(queue?.ttlMs ?? 0) * 2 + 5_000
		);
		if (res === 1) return { kind: 'delivered' };
		if (res === 2) return { kind: 'queued', ticket: { dst: msg.dst, ref: entry } };
		return { kind: 'dropped' };
	}

	async expire(ticket: QueueTicket): Promise<boolean> {
		return (await this.#cmd.lrem(this.#queue(ticket.dst), 1, ticket.ref as string)) > 0;
	}

	async close(): Promise<void> {
		this.#delivery.clear();
		this.#cmd.disconnect();
		this.#sub.disconnect();
	}
}
