import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { witnessPeerId } from './authority.ts';
import type { SignallingLimits } from './limits.ts';
import { RedisBus } from './redis-bus.ts';
import { startRedis } from './test-redis.ts';
import { startSignallingServer, TestPeer, type TestServer } from './testing.ts';

const redis = await startRedis();
if (redis.url === null)
	console.log(`[redis] SKIPPING multi-instance signalling tests: ${redis.reason}`);

const CUSTOMER = witnessPeerId('booking-r', 'customer');
const AGENT = witnessPeerId('booking-r', 'agent');
const isType = (type: string) => (m: { type: string }) => m.type === type;

let servers: TestServer[] = [];
const peers: TestPeer[] = [];

/** Two instances sharing one Redis under a fresh prefix. */
async function twoInstances(limits: Partial<SignallingLimits> = {}) {
	const prefix = `t${randomBytes(4).toString('hex')}:`;
	servers = await Promise.all(
		[0, 1].map(async () => {
			const bus = new RedisBus({ url: redis.url!, prefix });
			await bus.ready();
			return startSignallingServer({ bus, limits });
		})
	);
	return servers as [TestServer, TestServer];
}

function open(server: TestServer, role: 'customer' | 'agent', bookingId = 'booking-r') {
	const token = server.authority.issue({ bookingId, role });
	const p = TestPeer.open(server.port, witnessPeerId(bookingId, role), token);
	peers.push(p);
	return p;
}

afterEach(async () => {
	for (const p of peers.splice(0)) p.close();
	await Promise.all(servers.map((s) => s.close()));
	servers = [];
});
afterAll(() => {
	if (redis.url) redis.stop();
});

describe.skipIf(!redis.url)('signalling across instances (Redis pub/sub)', () => {
	it('relays between peers connected to different instances', async () => {
		const [a, b] = await twoInstances();
		const customer = open(a, 'customer');
		const agent = open(b, 'agent');
		await customer.next(isType('OPEN'));
		await agent.next(isType('OPEN'));
		customer.send({ type: 'OFFER', dst: AGENT, payload: { connectionId: 'mc_1', sdp: 'o' } });
		expect(await agent.next(isType('OFFER'))).toEqual({
			type: 'OFFER',
			src: CUSTOMER,
			dst: AGENT,
			payload: { connectionId: 'mc_1', sdp: 'o' }
		});
		agent.send({ type: 'ANSWER', dst: CUSTOMER, payload: { connectionId: 'mc_1' } });
		expect((await customer.next(isType('ANSWER'))).src).toBe(AGENT);
	});

	it('keeps an id unique across instances and frees it when its holder leaves', async () => {
		const [a, b] = await twoInstances();
		const first = open(a, 'customer');
		await first.next(isType('OPEN'));
		const second = open(b, 'customer');
		expect((await second.next()).type).toBe('ID-TAKEN');
		first.close();
		await first.closed;
		await expect
			.poll(async () => {
				const p = open(b, 'customer');
				const m = await p.next();
				return m.type;
			})
			.toBe('OPEN');
	});

	it('queues for a peer that later connects to the other instance, and expires what nobody picks up', async () => {
		const [a, b] = await twoInstances({ queueTtlMs: 400 });
		const customer = open(a, 'customer');
		await customer.next(isType('OPEN'));
		customer.send({ type: 'OFFER', dst: AGENT, payload: { n: 1 } });
		customer.send({ type: 'CANDIDATE', dst: AGENT, payload: { n: 2 } });
		await new Promise((r) => setTimeout(r, 100));
		const agent = open(b, 'agent');
		await agent.next(isType('CANDIDATE'));
		expect(agent.received.map((m) => m.type)).toEqual(['OPEN', 'OFFER', 'CANDIDATE']);
		// Delivered messages never expire.
		await new Promise((r) => setTimeout(r, 600));
		expect(customer.received.filter(isType('EXPIRE'))).toHaveLength(0);

		const other = open(a, 'customer', 'booking-s');
		await other.next(isType('OPEN'));
		other.send({ type: 'OFFER', dst: witnessPeerId('booking-s', 'agent'), payload: {} });
		expect((await other.next(isType('EXPIRE'))).src).toBe(witnessPeerId('booking-s', 'agent'));
	});

	it('still confines a credential to its own booking', async () => {
		const [a, b] = await twoInstances();
		const intruder = open(a, 'customer');
		const victim = open(b, 'agent', 'booking-s');
		await intruder.next(isType('OPEN'));
		await victim.next(isType('OPEN'));
		intruder.send({ type: 'OFFER', dst: witnessPeerId('booking-s', 'agent'), payload: {} });
		await intruder.next(isType('EXPIRE'));
		await new Promise((r) => setTimeout(r, 100));
		expect(victim.received.map((m) => m.type)).toEqual(['OPEN']);
	});
});
