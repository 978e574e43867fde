/**
 * Signalling isolation with credentials issued by the booking API itself (the real app on a
 * loopback port): a party's credential opens only its own peer id of its own booking; it cannot
 * take the other party's id, another booking's ids, or an id already held; it cannot make the
 * server deliver (or queue for later) anything to another booking's peers, and cannot forge the
 * sender; and the credential routes hand out credentials only for one's own booking.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DevSms } from '../bookings/notify.ts';
import { createStaff } from '../auth/staff.ts';
import { HmacAuthority } from '../signalling/credentials.ts';
import { createSignalling, type Signalling } from '../signalling/index.ts';
import { TEST_SECRET, TestPeer } from '../signalling/testing.ts';
import type { Storage } from '../storage/index.ts';
import { backends } from '../storage/test-databases.ts';
import { harness, PASSWORD, type Harness, type Session } from '../testing/harness.ts';

interface Credential {
	peerId: string;
	counterpartId: string;
	credential: string;
}

describe.each(backends())(
	'signalling isolation with issued credentials on $kind',
	({ open: openBackend }) => {
		let storage: Storage;
		let signalling: Signalling;
		let h: Harness;
		let port: number;
		let close: () => Promise<void>;
		const peers: TestPeer[] = [];
		const calls: Record<
			'A' | 'B',
			{ app: { id: string; token: string }; booking: string; agent: Session }
		> = {} as never;

		beforeAll(async () => {
			storage = await openBackend();
			const authority = new HmacAuthority(TEST_SECRET);
			signalling = createSignalling({ authority });
			h = await harness(
				storage,
				{
					witness: {
						issuer: authority,
						sms: new DevSms(() => undefined),
						push: null,
						vapidPublicKey: null
					}
				},
				'',
				{ signalling }
			);
			await createStaff(
				storage.db,
				{ username: 'agent2', role: 'agent', password: PASSWORD },
				new Date()
			);
			const server = serve({ fetch: h.app.fetch, hostname: '127.0.0.1', port: 0 });
			await new Promise<void>((resolve) => server.once('listening', resolve));
			signalling.inject(server);
			port = (server.address() as AddressInfo).port;
			close = async () => {
				await signalling.close();
				const http = server as import('node:http').Server;
				http.closeAllConnections();
				await new Promise<void>((resolve) => http.close(() => resolve()));
			};
			for (const [key, agentName, i] of [
				['A', 'agent1', 0],
				['B', 'agent2', 1]
			] as const) {
				const app = await h.newApplication();
				await h.customerCall(
					app.token,
					'POST',
					`/api/applications/${app.id}/submit`,
					h.submission(i),
					{ 'idempotency-key': `sig-${app.id}` }
				);
				await h.drain();
				const booked = (await (
					await h.customerCall(app.token, 'POST', `/api/applications/${app.id}/bookings`, {
						when: 'now'
					})
				).json()) as { id: string };
				const agent = await h.login(agentName);
				expect(
					(await h.staffCall(agent, 'POST', `/api/staff/bookings/${booked.id}/claim`)).status
				).toBe(200);
				calls[key] = { app, booking: booked.id, agent };
			}
		}, 60_000);
		afterAll(async () => {
			for (const p of peers) p.close();
			await close();
			await storage.close();
		});

		async function credential(call: 'A' | 'B', role: 'customer' | 'agent'): Promise<Credential> {
			const c = calls[call];
			const res =
				role === 'customer'
					? await h.customerCall(
							c.app.token,
							'POST',
							`/api/applications/${c.app.id}/bookings/${c.booking}/credential`
						)
					: await h.staffCall(c.agent, 'POST', `/api/staff/bookings/${c.booking}/credential`);
			expect(res.status).toBe(200);
			return (await res.json()) as Credential;
		}
		const open = (id: string, token: string) => {
			const p = TestPeer.open(port, id, token);
			peers.push(p);
			return p;
		};
		const first = async (p: TestPeer) => (await p.next()).type;

		it('the credential routes issue only for one’s own booking', async () => {
			// Customer B naming A's booking under B's own application; agent 2 asking for agent 1's booking.
			const b = calls.B;
			const stolen = await h.customerCall(
				b.app.token,
				'POST',
				`/api/applications/${b.app.id}/bookings/${calls.A.booking}/credential`
			);
			expect(stolen.status).toBe(404);
			const other = await h.staffCall(
				b.agent,
				'POST',
				`/api/staff/bookings/${calls.A.booking}/credential`
			);
			expect([403, 404]).toContain(other.status);
			expect(await other.json()).toMatchObject({ error: { code: expect.any(String) } });
		});

		it('a credential opens only its own peer id: not the counterpart’s, not another booking’s, not a taken one', async () => {
			const custA = await credential('A', 'customer');
			const agentB = await credential('B', 'agent');
			const custB = await credential('B', 'customer');
			expect(custA.peerId).not.toBe(custB.peerId);
			for (const [id, token] of [
				[custA.counterpartId, custA.credential],
				[custB.peerId, custA.credential],
				[agentB.peerId, custA.credential]
			] as const) {
				const p = open(id, token);
				expect(await p.next()).toEqual({
					type: 'ERROR',
					payload: { msg: 'Invalid token provided' }
				});
			}
			const holder = open(custA.peerId, custA.credential);
			expect(await first(holder)).toBe('OPEN');
			const fresh = await credential('A', 'customer');
			const second = open(fresh.peerId, fresh.credential);
			expect(await first(second)).toBe('ID-TAKEN');
			holder.close();
			await Promise.all([holder.closed, second.closed]);
		});

		it('nothing crosses between calls, live or queued, and the sender cannot be forged', async () => {
			const custA = await credential('A', 'customer');
			const agentA = await credential('A', 'agent');
			const custB = await credential('B', 'customer');
			const agentB = await credential('B', 'agent');
			const intruder = open(custA.peerId, custA.credential);
			expect(await first(intruder)).toBe('OPEN');
			// Queued for a peer of call B that is not connected yet: must not be delivered when it joins.
			intruder.send({
				type: 'OFFER',
				dst: agentB.peerId,
				payload: { sdp: 'queued', connectionId: 'mc_q' }
			});
			const victim = open(agentB.peerId, agentB.credential);
			expect(await first(victim)).toBe('OPEN');
			const victimCustomer = open(custB.peerId, custB.credential);
			expect(await first(victimCustomer)).toBe('OPEN');
			// Live, with a forged src claiming to be B's customer.
			intruder.send({
				type: 'OFFER',
				src: custB.peerId,
				dst: agentB.peerId,
				payload: { sdp: 'live', connectionId: 'mc_1' }
			});
			intruder.send({ type: 'CANDIDATE', dst: custB.peerId, payload: { connectionId: 'mc_1' } });
			intruder.send({ type: 'LEAVE', dst: agentB.peerId });
			expect((await intruder.next((m) => m.type === 'EXPIRE')).type).toBe('EXPIRE');
			// A's own counterpart does get a message, with the server-set sender.
			const agent = open(agentA.peerId, agentA.credential);
			expect(await first(agent)).toBe('OPEN');
			intruder.send({
				type: 'OFFER',
				src: custB.peerId,
				dst: agentA.peerId,
				payload: { sdp: 'own', connectionId: 'mc_2' }
			});
			expect((await agent.next((m) => m.type === 'OFFER')).src).toBe(custA.peerId);
			// Round trips on B's sockets prove the server has handled everything sent before.
			victim.send({
				type: 'OFFER',
				dst: custB.peerId,
				payload: { sdp: 'b', connectionId: 'mc_b' }
			});
			await victimCustomer.next((m) => m.type === 'OFFER' && m.src === agentB.peerId);
			expect(victim.received.map((m) => m.type)).toEqual(['OPEN']);
			expect(victimCustomer.received.map((m) => m.src ?? m.type)).toEqual(['OPEN', agentB.peerId]);
		});
	}
);
