/**
 * A witness call between a booking's customer and agent over `peerjs` and our signalling server.
 * The agent dials, the customer answers. Media is capped for low bandwidth and adapted to the
 * measured link; video pauses (audio-only) when it cannot get through.
 *
 * peerjs cannot renegotiate an existing connection, so an "ICE restart" here is a re-dial: when
 * ICE stays `disconnected` or goes `failed`, the agent opens a fresh media connection (new ICE
 * gathering) and the customer answers it. A lost signalling socket is reconnected with back-off.
 */
import { Peer, type DataConnection, type MediaConnection, type PeerError } from 'peerjs';
import type { WitnessCommand } from '../domain/witness.ts';
import {
	adapt,
	initialAdaptState,
	readLinkSample,
	type AdaptState,
	type StatsCursor
} from './adapt.ts';
import { parseChannelMessage } from './channel.ts';
import type { WitnessClientConfig } from './config.ts';
import { Emitter } from './emitter.ts';
import { fromPeerErrorType, WitnessError, WitnessErrorCode } from './errors.ts';
import { applySenderLimits, limitOpus, type VideoSendPlan } from './media.ts';

export type WitnessRole = 'customer' | 'agent';

export type CallState =
	| 'idle'
	/** Opening the signalling socket. */
	| 'signalling'
	/** Signalling is open; the other party has not connected media yet. */
	| 'waiting'
	| 'connected'
	/** Media or signalling dropped; re-dialling / reconnecting. */
	| 'reconnecting'
	| 'closed';

export type CallMode = 'video' | 'audio-only';

export interface CallQuality {
	mode: CallMode;
	plan: VideoSendPlan;
	availableKbps: number | null;
	videoSendKbps: number;
	lossRatio: number;
	rttMs: number | null;
}

export interface WitnessCallEvents extends Record<string, unknown> {
	state: CallState;
	'remote-stream': MediaStream;
	quality: CallQuality;
	error: WitnessError;
	/** Customer: the agent asks for something (show the ID, the surroundings, hold still). */
	command: { id: string; command: WitnessCommand };
	/** Agent: the customer's page showed the command with this id. */
	ack: string;
	/** The data connection for commands opened (true) or closed (false). */
	channel: boolean;
}

export interface WitnessCallOptions {
	role: WitnessRole;
	peerId: string;
	counterpartId: string;
	/** The short-lived signalling credential (peerjs `token`). */
	credential: string;
	/** Called before a signalling reconnect, when the credential may have expired. */
	refreshCredential?: () => Promise<string>;
	config: WitnessClientConfig;
	localStream: MediaStream;
	/** Defaults to this page's origin. */
	host?: string;
	port?: number;
	secure?: boolean;
	statsIntervalMs?: number;
}

const ICE_GRACE_MS = 4000;
const MAX_BACKOFF_MS = 10_000;

/**
 * @example
 * const call = new WitnessCall({ role: 'customer', peerId, counterpartId, credential, config, localStream });
 * call.on('remote-stream', (s) => (video.srcObject = s));
 * call.start();
 */
export class WitnessCall extends Emitter<WitnessCallEvents> {
	state: CallState = 'idle';
	readonly #o: WitnessCallOptions;
	#peer: Peer | null = null;
	#media: MediaConnection | null = null;
	#adapt: AdaptState = initialAdaptState();
	#forceAudioOnly = false;
	#stats: ReturnType<typeof setInterval> | null = null;
	#cursor: StatsCursor | null = null;
	#iceTimer: ReturnType<typeof setTimeout> | null = null;
	#retry: ReturnType<typeof setTimeout> | null = null;
	#attempt = 0;
	#data: DataConnection | null = null;
	#commandSeq = 0;

	constructor(options: WitnessCallOptions) {
		super();
		this.#o = options;
	}

	/** Opens signalling; the agent then dials, the customer waits for the call. */
	start(): void {
		if (this.#peer) return;
		const o = this.#o;
		const secure = o.secure ?? location.protocol === 'https:';
		const peer = new Peer(o.peerId, {
			host: o.host ?? location.hostname,
			port: o.port ?? (Number(location.port) || (secure ? 443 : 80)),
			path: o.config.path,
			key: o.config.key,
			token: o.credential,
			secure,
			config: { iceServers: o.config.iceServers },
			debug: 0
		});
		this.#peer = peer;
		this.#setState('signalling');
		peer.on('open', () => {
			this.#attempt = 0;
			if (this.state !== 'connected') this.#setState('waiting');
			if (o.role === 'agent' && !this.#media) this.#dial();
		});
		peer.on('call', (mc) => {
			if (o.role !== 'customer' || mc.peer !== o.counterpartId) return mc.close();
			mc.answer(o.localStream, { sdpTransform: limitOpus });
			this.#attach(mc);
		});
		peer.on('connection', (dc) => {
			if (o.role !== 'customer' || dc.peer !== o.counterpartId) return dc.close();
			this.#attachData(dc);
		});
		peer.on('disconnected', () => this.#reconnectSignalling());
		peer.on('error', (e) => this.#onPeerError(e));
	}

	/** Forces audio-only (e.g. the user taps "audio only"), or hands control back to adaptation. */
	setAudioOnly(on: boolean): void {
		this.#forceAudioOnly = on;
		void this.#applyPlan();
	}

	/** The live media connection's RTCPeerConnection (for recording and diagnostics). */
	get peerConnection(): RTCPeerConnection | null {
		return this.#media?.peerConnection ?? null;
	}

	/**
	 * Agent: sends a command to the customer over the data connection; returns its id (the
	 * customer's `ack` carries it), or null when the data connection is not open.
	 */
	sendCommand(command: WitnessCommand): string | null {
		const dc = this.#data;
		if (this.#o.role !== 'agent' || !dc?.open) return null;
		const id = `c${++this.#commandSeq}-${Date.now().toString(36)}`;
		void dc.send({ t: 'command', id, command });
		return id;
	}

	/** Whether commands can be sent / received now. */
	get channelOpen(): boolean {
		return this.#data?.open ?? false;
	}

	/** Hangs up for good. */
	close(): void {
		if (this.state === 'closed') return;
		this.#setState('closed');
		this.#clearTimers();
		this.#media?.close();
		this.#media = null;
		this.#data?.close();
		this.#data = null;
		this.#peer?.destroy();
		this.#peer = null;
	}

	#setState(state: CallState): void {
		if (this.state === state || this.state === 'closed') return;
		this.state = state;
		this.emit('state', state);
	}

	#dial(): void {
		if (!this.#peer || this.state === 'closed') return;
		const mc = this.#peer.call(this.#o.counterpartId, this.#o.localStream, {
			sdpTransform: limitOpus
		});
		if (mc) this.#attach(mc);
	}

	#attach(mc: MediaConnection): void {
		if (this.#media && this.#media !== mc) this.#media.close();
		this.#media = mc;
		this.#adapt = initialAdaptState();
		this.#cursor = null;
		mc.on('stream', (stream) => {
			if (this.#media !== mc) return;
			this.#attempt = 0;
			this.#setState('connected');
			this.emit('remote-stream', stream);
			// The customer is surely connected now: open the command channel once (peerjs emits
			// `stream` per remote track; a closed channel is reopened on the next media connection).
			if (this.#o.role === 'agent' && !this.#data) this.#openData();
			void this.#applyPlan();
			this.#startStats();
		});
		mc.on('iceStateChanged', (ice) => {
			if (this.#media !== mc) return;
			if (ice === 'connected' || ice === 'completed') {
				this.#clearIceTimer();
				if (this.state === 'reconnecting') this.#setState('connected');
			} else if (ice === 'disconnected') {
				this.#setState('reconnecting');
				this.#clearIceTimer();
				this.#iceTimer = setTimeout(() => this.#mediaLost(mc), ICE_GRACE_MS);
			}
		});
		mc.on('close', () => this.#mediaLost(mc));
		mc.on('error', (e) => {
			if (this.#media === mc) this.emit('error', new WitnessError(fromPeerErrorType(e.type)));
		});
	}

	#openData(): void {
		const dc = this.#peer?.connect(this.#o.counterpartId, {
			reliable: true,
			serialization: 'json'
		});
		if (dc) this.#attachData(dc);
	}

	#attachData(dc: DataConnection): void {
		if (this.#data && this.#data !== dc) this.#data.close();
		this.#data = dc;
		dc.on('open', () => {
			if (this.#data === dc) this.emit('channel', true);
		});
		dc.on('close', () => {
			if (this.#data !== dc) return;
			this.#data = null;
			this.emit('channel', false);
		});
		dc.on('data', (data) => {
			if (this.#data !== dc) return;
			const m = parseChannelMessage(data);
			if (!m) return;
			if (m.t === 'command' && this.#o.role === 'customer') {
				this.emit('command', { id: m.id, command: m.command });
				void dc.send({ t: 'ack', id: m.id });
			} else if (m.t === 'ack' && this.#o.role === 'agent') this.emit('ack', m.id);
		});
	}

	/** The media path is gone: the agent re-dials (fresh ICE), the customer waits for it. */
	#mediaLost(mc: MediaConnection): void {
		if (this.#media !== mc || this.state === 'closed') return;
		this.#stopStats();
		this.#media = null;
		mc.close();
		this.#setState('reconnecting');
		if (this.#o.role === 'agent') this.#later(() => this.#dial());
	}

	#onPeerError(e: PeerError<string>): void {
		const code = fromPeerErrorType(e.type);
		if (code === WitnessErrorCode.PeerUnavailable && this.#o.role === 'agent') {
			// The customer is not connected yet; the queued offer expired. Dial again shortly.
			const stale = this.#media;
			this.#media = null;
			stale?.close();
			this.#later(() => this.#dial());
		}
		this.emit('error', new WitnessError(code, e.message));
		if (code === WitnessErrorCode.SignallingRefused || code === WitnessErrorCode.IdTaken) {
			this.close();
		}
	}

	#reconnectSignalling(): void {
		if (this.state === 'closed' || !this.#peer) return;
		if (this.state !== 'connected') this.#setState('reconnecting');
		this.#later(async () => {
			const peer = this.#peer;
			if (!peer || !peer.disconnected || peer.destroyed) return;
			if (this.#o.refreshCredential) {
				(peer.options as { token?: string }).token = await this.#o.refreshCredential();
			}
			peer.reconnect();
		});
	}

	/** Runs `fn` after an exponential back-off (1 s, 2 s, 4 s … 10 s). */
	#later(fn: () => unknown): void {
		if (this.#retry) clearTimeout(this.#retry);
		const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** this.#attempt++);
		this.#retry = setTimeout(() => {
			this.#retry = null;
			if (this.state !== 'closed') void fn();
		}, delay);
	}

	#startStats(): void {
		this.#stopStats();
		this.#stats = setInterval(() => void this.#sampleLink(), this.#o.statsIntervalMs ?? 2000);
	}

	async #sampleLink(): Promise<void> {
		const pc = this.peerConnection;
		if (!pc) return;
		try {
			const { sample, cursor } = await readLinkSample(pc, this.#cursor);
			this.#cursor = cursor;
			this.#adapt = adapt(this.#adapt, sample);
			const plan = await this.#applyPlan();
			this.emit('quality', { ...sample, plan, mode: plan.active ? 'video' : 'audio-only' });
		} catch {
			// stats are best effort; the next tick tries again
		}
	}

	async #applyPlan(): Promise<VideoSendPlan> {
		const plan = this.#forceAudioOnly ? { ...this.#adapt.plan, active: false } : this.#adapt.plan;
		const pc = this.peerConnection;
		if (pc) await applySenderLimits(pc, plan).catch(() => {});
		return plan;
	}

	#stopStats(): void {
		if (this.#stats) clearInterval(this.#stats);
		this.#stats = null;
	}

	#clearIceTimer(): void {
		if (this.#iceTimer) clearTimeout(this.#iceTimer);
		this.#iceTimer = null;
	}

	#clearTimers(): void {
		this.#stopStats();
		this.#clearIceTimer();
		if (this.#retry) clearTimeout(this.#retry);
		this.#retry = null;
	}
}
