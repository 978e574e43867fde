/** Tunables of the signalling server; every field has a production default. */
export interface SignallingLimits {
	/** Largest client frame (bytes). An SDP offer with audio+video is ~5–10 KB. */
	maxMessageBytes: number;
	/** Sustained messages per second per connection (ICE trickle bursts fit in `burst`). */
	ratePerSecond: number;
	burst: number;
	/** How long a message waits for a peer that is not connected yet. */
	queueTtlMs: number;
	/** Queued messages per destination peer; more are dropped. */
	maxQueuedPerPeer: number;
	/** A connection silent (no HEARTBEAT or message) this long is closed. */
	aliveTimeoutMs: number;
	/**
	 * The same credential may replace its own connection only when that one has been silent this
	 * long (a phone that changed networks); otherwise the id is taken.
	 */
	staleTakeoverMs: number;
	/** Concurrent peers on one instance. */
	maxPeers: number;
}

export const DEFAULT_LIMITS: SignallingLimits = {
	maxMessageBytes: 32 * 1024,
	ratePerSecond: 20,
	burst: 80,
	queueTtlMs: 30_000,
	maxQueuedPerPeer: 64,
	aliveTimeoutMs: 60_000,
	staleTakeoverMs: 15_000,
	maxPeers: 50_000
};
