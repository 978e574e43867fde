import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WitnessError } from './errors.ts';

/** Stand-ins for peerjs: just enough surface to drive WitnessCall's state machine. */
class FakeMedia extends EventEmitter {
	closed = false;
	answered = false;
	peerConnection = null;
	constructor(readonly peer: string) {
		super();
	}
	answer() {
		this.answered = true;
	}
	close() {
		if (this.closed) return;
		this.closed = true;
		this.emit('close');
	}
}

/** A data connection; `sent` records what `send` was given, `open` flips on `emit('open')`. */
class FakeData extends EventEmitter {
	open = false;
	closed = false;
	sent: unknown[] = [];
	constructor(readonly peer: string) {
		super();
		this.on('open', () => (this.open = true));
	}
	send(data: unknown) {
		this.sent.push(data);
	}
	close() {
		if (this.closed) return;
		this.closed = true;
		this.open = false;
		this.emit('close');
	}
}

class FakePeer extends EventEmitter {
	static last: FakePeer | null = null;
	calls: FakeMedia[] = [];
	data: FakeData[] = [];
	disconnected = false;
	destroyed = false;
	reconnects = 0;
	options: { token?: string };
	constructor(
		readonly id: string,
		opts: { token?: string }
	) {
		super();
		this.options = { ...opts };
		FakePeer.last = this;
	}
	call(dst: string) {
		const mc = new FakeMedia(dst);
		this.calls.push(mc);
		return mc;
	}
	connect(dst: string) {
		const dc = new FakeData(dst);
		this.data.push(dc);
		return dc;
	}
	reconnect() {
		this.reconnects++;
		this.disconnected = false;
	}
	destroy() {
		this.destroyed = true;
	}
}

vi.mock('peerjs', () => ({ Peer: FakePeer }));
const { WitnessCall } = await import('./call.ts');

function makeCall(role: 'customer' | 'agent', refreshCredential?: () => Promise<string>) {
	const call = new WitnessCall({
		role,
		peerId: `kw-b-${role}`,
		counterpartId: `kw-b-${role === 'agent' ? 'customer' : 'agent'}`,
		credential: 'cred-1',
		refreshCredential,
		config: { path: '/api/witness/signal', key: 'kaihu', iceServers: [] },
		localStream: {} as MediaStream,
		host: '127.0.0.1',
		port: 1,
		secure: false
	});
	const states: string[] = [];
	const errors: WitnessError[] = [];
	call.on('state', (s) => states.push(s));
	call.on('error', (e) => errors.push(e));
	call.start();
	return { call, peer: FakePeer.last!, states, errors };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('WitnessCall', () => {
	it('the agent dials once signalling is open; the customer answers only its counterpart', () => {
		const agent = makeCall('agent');
		agent.peer.emit('open', 'kw-b-agent');
		expect(agent.peer.calls.map((c) => c.peer)).toEqual(['kw-b-customer']);
		expect(agent.states).toEqual(['signalling', 'waiting']);

		const customer = makeCall('customer');
		customer.peer.emit('open', 'kw-b-customer');
		const stranger = new FakeMedia('kw-other-agent');
		customer.peer.emit('call', stranger);
		expect(stranger.closed).toBe(true);
		const mc = new FakeMedia('kw-b-agent');
		customer.peer.emit('call', mc);
		expect(mc.answered).toBe(true);
		mc.emit('stream', {} as MediaStream);
		expect(customer.call.state).toBe('connected');
	});

	it('re-dials when ICE stays disconnected (a fresh connection is the ICE restart)', () => {
		const { peer, call } = makeCall('agent');
		peer.emit('open', 'kw-b-agent');
		const first = peer.calls[0]!;
		first.emit('stream', {} as MediaStream);
		first.emit('iceStateChanged', 'disconnected');
		expect(call.state).toBe('reconnecting');
		vi.advanceTimersByTime(4000);
		expect(first.closed).toBe(true);
		vi.advanceTimersByTime(1000);
		expect(peer.calls).toHaveLength(2);
		peer.calls[1]!.emit('stream', {} as MediaStream);
		expect(call.state).toBe('connected');
	});

	it('does not re-dial when ICE recovers within the grace period', () => {
		const { peer, call } = makeCall('agent');
		peer.emit('open', 'kw-b-agent');
		const mc = peer.calls[0]!;
		mc.emit('stream', {} as MediaStream);
		mc.emit('iceStateChanged', 'disconnected');
		mc.emit('iceStateChanged', 'connected');
		vi.advanceTimersByTime(20_000);
		expect(peer.calls).toHaveLength(1);
		expect(call.state).toBe('connected');
	});

	it('keeps dialling a customer who has not joined yet', () => {
		const { peer, errors } = makeCall('agent');
		peer.emit('open', 'kw-b-agent');
		peer.emit('error', { type: 'peer-unavailable', message: 'Could not connect to peer' });
		expect(errors.map((e) => e.code)).toEqual(['peer-unavailable']);
		vi.advanceTimersByTime(1000);
		expect(peer.calls).toHaveLength(2);
	});

	it('reconnects lost signalling with a fresh credential', async () => {
		const { peer } = makeCall('customer', async () => 'cred-2');
		peer.emit('open', 'kw-b-customer');
		peer.disconnected = true;
		peer.emit('disconnected', 'kw-b-customer');
		await vi.advanceTimersByTimeAsync(1000);
		expect(peer.reconnects).toBe(1);
		expect(peer.options.token).toBe('cred-2');
	});

	it('gives up for good when the server refuses the credential or the id is taken', () => {
		for (const type of ['server-error', 'unavailable-id']) {
			const { peer, call, errors } = makeCall('customer');
			peer.emit('error', { type, message: 'x' });
			expect(call.state).toBe('closed');
			expect(peer.destroyed).toBe(true);
			expect(errors[0]?.code).toBe(type === 'server-error' ? 'signalling-refused' : 'id-taken');
		}
	});

	it('commands: the agent opens the data connection once media flows; the customer sees and acks', () => {
		const agent = makeCall('agent');
		agent.peer.emit('open', 'kw-b-agent');
		expect(agent.call.sendCommand('show_id')).toBeNull(); // no channel yet
		agent.peer.calls[0]?.emit('stream', {} as MediaStream);
		agent.peer.calls[0]?.emit('stream', {} as MediaStream); // once per remote track
		expect(agent.peer.data).toHaveLength(1);
		const agentSide = agent.peer.data[0];
		if (!agentSide) throw new Error('no data connection');
		expect(agentSide.peer).toBe('kw-b-customer');
		agentSide.emit('open');

		const customer = makeCall('customer');
		const commands: string[] = [];
		customer.call.on('command', (c) => commands.push(c.command));
		const stranger = new FakeData('kw-other-agent');
		customer.peer.emit('connection', stranger);
		expect(stranger.closed).toBe(true);
		const customerSide = new FakeData('kw-b-agent');
		customer.peer.emit('connection', customerSide);
		customerSide.emit('open');

		const id = agent.call.sendCommand('show_id');
		expect(agentSide.sent).toEqual([{ t: 'command', id, command: 'show_id' }]);
		// Relay what the agent sent; junk is ignored.
		customerSide.emit('data', { t: 'command', id: 'x', command: 'wire_money' });
		customerSide.emit('data', agentSide.sent[0]);
		expect(commands).toEqual(['show_id']);
		expect(customerSide.sent).toEqual([{ t: 'ack', id }]);

		const acks: string[] = [];
		agent.call.on('ack', (a) => acks.push(a));
		agentSide.emit('data', customerSide.sent[0]);
		expect(acks).toEqual([id]);
		// A customer cannot command the agent.
		const before = acks.length;
		agentSide.emit('data', { t: 'command', id: 'y', command: 'show_id' });
		expect(acks.length).toBe(before);
	});
});
