import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { witnessPeerId } from './authority.ts';
import type { SignallingLimits } from './limits.ts';
import { startSignallingServer, TestPeer, type TestServer } from './testing.ts';

const CUSTOMER_A = witnessPeerId('booking-a', 'customer');
const AGENT_A = witnessPeerId('booking-a', 'agent');
const AGENT_B = witnessPeerId('booking-b', 'agent');

let server: TestServer;
const peers: TestPeer[] = [];

async function start(limits: Partial<SignallingLimits> = {}) {
	server = await startSignallingServer({ limits });
	return server;
}

function open(bookingId: string, role: 'customer' | 'agent', token?: string): TestPeer {
	const t = token ?? server.authority.issue({ bookingId, role });
	const p = TestPeer.open(server.port, witnessPeerId(bookingId, role), t);
	peers.push(p);
	return p;
}

const isType = (type: string) => (m: { type: string }) => m.type === type;

afterEach(async () => {
	for (const p of peers.splice(0)) p.close();
	await server?.close();
});

describe('signalling: who may connect', () => {
	it('refuses a socket without a credential, with the peerjs-server error text', async () => {
		await start();
		const p = new TestPeer(server.port, { key: 'kaihu', id: CUSTOMER_A });
		expect(await p.next()).toEqual({
			type: 'ERROR',
			payload: { msg: 'No id, token, or key supplied to websocket server' }
		});
		await p.closed;
	});

	it('refuses a forged or expired credential, one for another id, and a wrong key', async () => {
		await start();
		const expired = server.authority.issue({
			bookingId: 'booking-a',
			role: 'customer',
			ttlMs: 1000,
			now: Date.now() - 5000
		});
		const agentToken = server.authority.issue({ bookingId: 'booking-a', role: 'agent' });
		const cases = [
			TestPeer.open(server.port, CUSTOMER_A, 'forged.token'),
			TestPeer.open(server.port, CUSTOMER_A, expired),
			// the agent's credential does not open the customer's id
			TestPeer.open(server.port, CUSTOMER_A, agentToken)
		];
		for (const p of cases) {
			expect(await p.next()).toEqual({ type: 'ERROR', payload: { msg: 'Invalid token provided' } });
			await p.closed;
		}
		const wrongKey = TestPeer.open(server.port, AGENT_A, agentToken, 'peerjs');
		expect((await wrongKey.next()).payload).toEqual({ msg: 'Invalid key provided' });
		// None of those took the id: the rightful holder still gets it.
		expect((await open('booking-a', 'customer').next()).type).toBe('OPEN');
	});

	it('does not let an id in use be taken, not even with a fresh credential for it', async () => {
		await start();
		const first = open('booking-a', 'customer');
		await first.next(isType('OPEN'));
		const second = open('booking-a', 'customer');
		expect(await second.next()).toEqual({ type: 'ID-TAKEN', payload: { msg: 'ID is taken' } });
		await second.closed;
		// The first holder is unaffected and still reachable.
		const agent = open('booking-a', 'agent');
		await agent.next(isType('OPEN'));
		agent.send({ type: 'OFFER', dst: CUSTOMER_A, payload: { sdp: 'x', connectionId: 'mc_1' } });
		expect((await first.next(isType('OFFER'))).src).toBe(AGENT_A);
	});

	it('lets only the same credential replace its own connection, and only once it went silent', async () => {
		await start({ staleTakeoverMs: 300 });
		const token = server.authority.issue({ bookingId: 'booking-a', role: 'customer' });
		const first = open('booking-a', 'customer', token);
		await first.next(isType('OPEN'));
		const tooSoon = open('booking-a', 'customer', token);
		expect((await tooSoon.next()).type).toBe('ID-TAKEN');
		await new Promise((r) => setTimeout(r, 400));
		const fresh = open('booking-a', 'customer');
		expect((await fresh.next()).type).toBe('ID-TAKEN');
		const again = open('booking-a', 'customer', token);
		expect((await again.next()).type).toBe('OPEN');
		await first.closed;
	});

	it('serves the PeerJS id endpoint and the client configuration', async () => {
		await start();
		const base = `http://127.0.0.1:${server.port}`;
		const id = await fetch(`${base}/api/witness/signal/kaihu/id?ts=1`);
		expect(id.status).toBe(200);
		expect(await id.text()).toMatch(/^[0-9a-f-]{36}$/);
		const cfg = await (await fetch(`${base}/api/witness/config`)).json();
		expect(cfg).toEqual({ path: '/api/witness/signal', key: 'kaihu', iceServers: [] });
	});

	it('answers a WebSocket upgrade anywhere but the signalling socket with 404', async () => {
		await start();
		const token = server.authority.issue({ bookingId: 'booking-a', role: 'customer' });
		for (const path of ['/api/witness/signal/other', '/api/health', '/']) {
			const ws = new WebSocket(
				`ws://127.0.0.1:${server.port}${path}?key=kaihu&id=${CUSTOMER_A}&token=${token}`
			);
			const status = await new Promise<number>((resolve) => {
				ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
				ws.on('open', () => resolve(101));
				ws.on('error', () => {});
			});
			expect(status).toBe(404);
		}
		expect(server.signalling.hub.sessions.size).toBe(0);
	});
});

describe('signalling: routing', () => {
	it('relays OFFER/ANSWER/CANDIDATE between the two parties with the server-set src', async () => {
		await start();
		const customer = open('booking-a', 'customer');
		const agent = open('booking-a', 'agent');
		await customer.next(isType('OPEN'));
		await agent.next(isType('OPEN'));
		const payload = { sdp: { type: 'offer', sdp: 'v=0' }, type: 'media', connectionId: 'mc_x' };
		customer.send({ type: 'OFFER', src: AGENT_B, dst: AGENT_A, payload });
		expect(await agent.next(isType('OFFER'))).toEqual({
			type: 'OFFER',
			src: CUSTOMER_A,
			dst: AGENT_A,
			payload
		});
		agent.send({ type: 'ANSWER', dst: CUSTOMER_A, payload: { connectionId: 'mc_x' } });
		agent.send({ type: 'CANDIDATE', dst: CUSTOMER_A, payload: { connectionId: 'mc_x' } });
		await customer.next(isType('ANSWER'));
		expect((await customer.next(isType('CANDIDATE'))).src).toBe(AGENT_A);
	});

	it('keeps a credential for booking A away from booking B: nothing arrives, the sender sees EXPIRE', async () => {
		await start();
		const intruder = open('booking-a', 'customer');
		const victim = open('booking-b', 'agent');
		await intruder.next(isType('OPEN'));
		await victim.next(isType('OPEN'));
		intruder.send({ type: 'OFFER', dst: AGENT_B, payload: { connectionId: 'mc_1' } });
		intruder.send({ type: 'CANDIDATE', dst: AGENT_B, payload: { connectionId: 'mc_1' } });
		intruder.send({ type: 'LEAVE', dst: AGENT_B });
		expect(await intruder.next(isType('EXPIRE'))).toEqual({ type: 'EXPIRE', src: AGENT_B });
		// A round trip on the victim's own socket proves the server handled those frames by now.
		victim.send({ type: 'HEARTBEAT' });
		await new Promise((r) => setTimeout(r, 100));
		expect(victim.received.map((m) => m.type)).toEqual(['OPEN']);
	});

	it('queues messages for a peer that is not connected yet and delivers them on OPEN', async () => {
		await start();
		const customer = open('booking-a', 'customer');
		await customer.next(isType('OPEN'));
		customer.send({ type: 'OFFER', dst: AGENT_A, payload: { n: 1 } });
		customer.send({ type: 'CANDIDATE', dst: AGENT_A, payload: { n: 2 } });
		customer.send({ type: 'LEAVE', dst: AGENT_A }); // LEAVE is never queued
		await new Promise((r) => setTimeout(r, 50));
		const agent = open('booking-a', 'agent');
		await agent.next(isType('CANDIDATE'));
		expect(agent.received.map((m) => [m.type, m.payload])).toEqual([
			['OPEN', undefined],
			['OFFER', { n: 1 }],
			['CANDIDATE', { n: 2 }]
		]);
	});

	it('expires queued messages: the sender gets one EXPIRE and a late peer gets nothing stale', async () => {
		await start({ queueTtlMs: 300 });
		const customer = open('booking-a', 'customer');
		await customer.next(isType('OPEN'));
		customer.send({ type: 'OFFER', dst: AGENT_A, payload: { n: 1 } });
		customer.send({ type: 'CANDIDATE', dst: AGENT_A, payload: { n: 2 } });
		expect(await customer.next(isType('EXPIRE'))).toEqual({
			type: 'EXPIRE',
			src: AGENT_A,
			dst: CUSTOMER_A
		});
		await new Promise((r) => setTimeout(r, 100));
		expect(customer.received.filter(isType('EXPIRE'))).toHaveLength(1);
		const agent = open('booking-a', 'agent');
		await agent.next(isType('OPEN'));
		await new Promise((r) => setTimeout(r, 100));
		expect(agent.received.map((m) => m.type)).toEqual(['OPEN']);
	});
});

describe('signalling: limits', () => {
	it('closes a connection that sends a frame over the size limit', async () => {
		await start({ maxMessageBytes: 4096 });
		const customer = open('booking-a', 'customer');
		await customer.next(isType('OPEN'));
		customer.send({ type: 'OFFER', dst: AGENT_A, payload: { sdp: 'x'.repeat(5000) } });
		expect(await customer.next(isType('ERROR'))).toEqual({
			type: 'ERROR',
			payload: { msg: 'Message too large' }
		});
		await customer.closed;
		// Far larger frames are cut by the socket layer before they are buffered.
		const again = open('booking-a', 'customer');
		await again.next(isType('OPEN'));
		again.send('x'.repeat(64 * 1024));
		expect(await again.closed).toBe(1009);
	});

	it('closes a connection that sends a binary frame, and the id becomes free again', async () => {
		await start();
		const customer = open('booking-a', 'customer');
		await customer.next(isType('OPEN'));
		customer.ws.send(Buffer.from(JSON.stringify({ type: 'HEARTBEAT' })));
		await customer.closed;
		await expect.poll(() => server.signalling.hub.sessions.size).toBe(0);
		expect((await open('booking-a', 'customer').next()).type).toBe('OPEN');
	});

	it('closes a connection that exceeds its message rate, and the id becomes free again', async () => {
		await start({ ratePerSecond: 2, burst: 10 });
		const customer = open('booking-a', 'customer');
		await customer.next(isType('OPEN'));
		for (let i = 0; i < 20; i++) customer.send({ type: 'HEARTBEAT' });
		expect((await customer.next(isType('ERROR'))).payload).toEqual({ msg: 'Rate limit exceeded' });
		await customer.closed;
		await expect.poll(() => server.signalling.hub.sessions.size).toBe(0);
		expect((await open('booking-a', 'customer').next()).type).toBe('OPEN');
	});

	it('keeps a heartbeating peer and drops a silent one after the alive timeout', async () => {
		await start({ aliveTimeoutMs: 600 });
		const beating = open('booking-a', 'customer');
		const silent = open('booking-a', 'agent');
		await beating.next(isType('OPEN'));
		await silent.next(isType('OPEN'));
		const timer = setInterval(() => beating.send({ type: 'HEARTBEAT' }), 100);
		try {
			await silent.closed;
			expect(beating.ws.readyState).toBe(beating.ws.OPEN);
		} finally {
			clearInterval(timer);
		}
	});
});
