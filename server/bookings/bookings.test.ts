import { describe, expect, it } from 'vitest';
import { createStaff } from '../auth/staff.ts';
import { HmacAuthority } from '../signalling/credentials.ts';
import type { Storage } from '../storage/index.ts';
import { backends } from '../storage/test-databases.ts';
import { harness, PASSWORD, TINY_PNG, type Harness } from '../testing/harness.ts';
import { DevSms } from './notify.ts';
import type { PushSender, PushTarget } from './notify.ts';

const SECRET = 'bookings-test-secret-0123456789abcdef0123';

/** A clock the test moves by hand (the scheduler and queue read `deps.now`). */
function clock(start = Date.now()) {
	let t = start;
	return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

class FakePush implements PushSender {
	readonly sent: { endpoint: string; payload: unknown }[] = [];
	gone = new Set<string>();
	async send(target: PushTarget, payload: string) {
		if (this.gone.has(target.endpoint)) return 'gone' as const;
		this.sent.push({ endpoint: target.endpoint, payload: JSON.parse(payload) });
		return 'sent' as const;
	}
}

async function setup(storage: Storage) {
	const time = clock();
	const logs: Record<string, unknown>[] = [];
	const sms = new DevSms((e) => logs.push(e));
	const push = new FakePush();
	const authority = new HmacAuthority(SECRET);
	const h = await harness(storage, {
		now: time.now,
		log: (e) => logs.push(e),
		witness: { issuer: authority, sms, push, vapidPublicKey: 'test-key' }
	});
	await createStaff(
		storage.db,
		{ username: 'agent2', role: 'agent', password: PASSWORD },
		new Date()
	);
	const agent = await h.login('agent1');
	const agent2 = await h.login('agent2');
	return { h, time, logs, sms, push, authority, agent, agent2 };
}

/** An application submitted and awaiting its witness (registry passed). */
async function pending(h: Harness, i = 0) {
	const a = await h.newApplication();
	const res = await h.customerCall(
		a.token,
		'POST',
		`/api/applications/${a.id}/submit`,
		h.submission(i),
		{
			'idempotency-key': `key-${a.id}`
		}
	);
	expect(await res.json()).toMatchObject({ state: 'submitted' });
	expect(await h.settle(a.id)).toMatchObject({ state: 'witness_pending' });
	return a;
}

async function book(h: Harness, a: { id: string; token: string }, body: unknown = { when: 'now' }) {
	return h.customerCall(a.token, 'POST', `/api/applications/${a.id}/bookings`, body);
}

describe.each(backends())('witness bookings on $kind', ({ open }) => {
	it('books now or a slot within 24 h, queues FIFO, refuses what it must', async () => {
		const storage = await open();
		try {
			const { h, time } = await setup(storage);
			const draft = await h.newApplication();
			expect((await book(h, draft)).status).toBe(409);

			const a = await pending(h, 0);
			const b = await pending(h, 1);
			const first = await book(h, a);
			expect(first.status).toBe(201);
			const fa = (await first.json()) as { id: string; position: number; state: string };
			expect(fa).toMatchObject({ state: 'waiting', position: 1, noAgent: false });
			expect((await book(h, a)).status).toBe(409); // one open booking per application
			time.advance(1000);
			const fb = (await (await book(h, b)).json()) as { id: string; position: number };
			expect(fb.position).toBe(2);

			const later = await pending(h, 2);
			const tooLate = new Date(time.now().getTime() + 25 * 3600_000).toISOString();
			expect((await book(h, later, { when: 'slot', at: tooLate })).status).toBe(400);
			const soon = new Date(time.now().getTime() + 3600_000).toISOString();
			const slot = (await (await book(h, later, { when: 'slot', at: soon })).json()) as {
				position: number | null;
				kind: string;
			};
			expect(slot).toMatchObject({ kind: 'slot', position: null });

			// Another application's booking is not found through mine.
			const peek = await h.customerCall(
				b.token,
				'GET',
				`/api/applications/${b.id}/bookings/${fa.id}`
			);
			expect(peek.status).toBe(404);
		} finally {
			await storage.close();
		}
	});

	it('an agent takes the first booking; credentials go to that customer and that agent only', async () => {
		const storage = await open();
		try {
			const { h, logs, sms, push, authority, agent, agent2 } = await setup(storage);
			const a = await pending(h, 3);
			await h.customerCall(a.token, 'POST', `/api/applications/${a.id}/push-subscriptions`, {
				endpoint: 'https://push.example/sub/1',
				keys: { p256dh: 'B'.repeat(40), auth: 'a'.repeat(16) }
			});
			const booking = (await (await book(h, a)).json()) as { id: string };

			const avail = await h.staffCall(agent, 'PUT', '/api/staff/agent/availability', {
				available: true
			});
			expect(avail.status).toBe(200);
			const status = await h.customerCall(
				a.token,
				'GET',
				`/api/applications/${a.id}/bookings/${booking.id}`
			);
			expect(await status.json()).toMatchObject({ agentsAvailable: 1, position: 1 });

			const queue = (await (await h.staffCall(agent, 'GET', '/api/staff/bookings')).json()) as {
				available: boolean;
				queue: { id: string }[];
			};
			expect(queue.available).toBe(true);
			expect(queue.queue.map((q) => q.id)).toEqual([booking.id]);

			// The agent's credential is only for an agent who took the booking.
			expect(
				(await h.staffCall(agent, 'POST', `/api/staff/bookings/${booking.id}/credential`)).status
			).toBe(403);
			const claim = await h.staffCall(agent, 'POST', `/api/staff/bookings/${booking.id}/claim`);
			expect(await claim.json()).toMatchObject({ state: 'called', notified: { push: 1, sms: 1 } });
			expect(
				(await h.staffCall(agent2, 'POST', `/api/staff/bookings/${booking.id}/claim`)).status
			).toBe(409);
			expect(
				(await h.staffCall(agent2, 'POST', `/api/staff/bookings/${booking.id}/credential`)).status
			).toBe(403);
			expect(
				(await h.staffCall(agent2, 'GET', `/api/staff/bookings/${booking.id}/case`)).status
			).toBe(403);

			const mine = (await (
				await h.staffCall(agent, 'POST', `/api/staff/bookings/${booking.id}/credential`)
			).json()) as {
				peerId: string;
				credential: string;
			};
			expect(mine.peerId).toBe(`kw-${booking.id}-agent`);
			expect(authority.verify(mine.credential, mine.peerId)).toMatchObject({ ok: true });
			expect(authority.verify(mine.credential, `kw-${booking.id}-customer`)).toMatchObject({
				ok: false
			});
			const theirs = (await (
				await h.customerCall(
					a.token,
					'POST',
					`/api/applications/${a.id}/bookings/${booking.id}/credential`
				)
			).json()) as { peerId: string; credential: string };
			expect(authority.verify(theirs.credential, `kw-${booking.id}-customer`)).toMatchObject({
				ok: true
			});

			// The customer heard on both channels; the log has a masked number only.
			expect(push.sent[0]?.payload).toMatchObject({
				kind: 'called',
				url: `/witness/${booking.id}`
			});
			expect(sms.sent[0]?.to).toBe('13800138000');
			const logged = JSON.stringify(logs);
			expect(logged).toContain('*******8000');
			expect(logged).not.toContain('13800138000');
		} finally {
			await storage.close();
		}
	});

	it('in the call: case file, events, a still and the decision land in the history', async () => {
		const storage = await open();
		try {
			const { h, agent } = await setup(storage);
			const a = await pending(h, 4);
			const booking = (await (await book(h, a)).json()) as { id: string };
			await h.staffCall(agent, 'POST', `/api/staff/bookings/${booking.id}/claim`);
			const base = `/api/staff/bookings/${booking.id}`;

			const file = (await (await h.staffCall(agent, 'GET', `${base}/case`)).json()) as {
				application: {
					state: string;
					fields: { name: string; bankCard: string };
					registryResult: string;
				};
			};
			expect(file.application.state).toBe('witness_pending');
			expect(file.application.fields.name).toBe(h.citizens[4]?.name);
			expect(file.application.fields.bankCard).toMatch(/^•••• \d{4}$/);
			expect(file.application.registryResult).toBe('same_person');

			const tick = await h.staffCall(agent, 'POST', `${base}/events`, {
				kind: 'question',
				question: 'purpose',
				ticked: true
			});
			expect(tick.status).toBe(200);
			expect(
				(
					await h.staffCall(agent, 'POST', `${base}/events`, {
						kind: 'command',
						command: 'show_id'
					})
				).status
			).toBe(200);
			expect(
				(
					await h.staffCall(agent, 'POST', `${base}/stills`, {
						image: Buffer.from('not an image at all').toString('base64')
					})
				).status
			).toBe(400);
			const still = await h.staffCall(agent, 'POST', `${base}/stills`, { image: TINY_PNG });
			expect(still.status).toBe(201);
			const { id: stillId } = (await still.json()) as { id: string };
			const img = await h.staffCall(agent, 'GET', `${base}/files/${stillId}`);
			expect(img.headers.get('content-type')).toBe('image/png');
			expect(Buffer.from(await img.arrayBuffer()).toString('base64')).toBe(TINY_PNG);

			expect(
				(
					await h.staffCall(agent, 'POST', `${base}/decision`, {
						decision: 'approve',
						reasons: ['id_mismatch']
					})
				).status
			).toBe(400);
			const decided = await h.staffCall(agent, 'POST', `${base}/decision`, {
				decision: 'approve',
				reasons: ['identity_confirmed', 'document_matches']
			});
			expect(await decided.json()).toMatchObject({ state: 'witnessed' });
			expect(
				(
					await h.staffCall(agent, 'POST', `${base}/decision`, {
						decision: 'approve',
						reasons: ['identity_confirmed']
					})
				).status
			).toBe(409);

			const view = await h.staffCall(agent, 'GET', `/api/staff/applications/${a.id}`);
			expect(await view.json()).toMatchObject({ state: 'witnessed' });
			const rows = await storage.db
				.selectFrom('audit_log')
				.selectAll()
				.where('subject', '=', a.id)
				.orderBy('seq')
				.execute();
			const actions = rows.map((r) => r.action);
			expect(actions).toEqual(
				expect.arrayContaining([
					'booking.create',
					'booking.claim',
					'booking.case_view',
					'witness.question',
					'witness.command',
					'witness.still',
					'booking.file_view',
					'witness.decide'
				])
			);
			expect(
				JSON.parse(rows.find((r) => r.action === 'witness.decide')?.detail ?? '{}')
			).toMatchObject({
				decision: 'approve',
				reasons: ['identity_confirmed', 'document_matches']
			});
		} finally {
			await storage.close();
		}
	});

	it('the scheduler reminds, offers the robot when nobody is free, and expires missed bookings', async () => {
		const storage = await open();
		try {
			const { h, time, push } = await setup(storage);
			const { bookingTick } = await import('./scheduler.ts');
			const { coreDeps } = await import('../api.ts');
			const deps = coreDeps(storage, {
				now: time.now,
				cipher: h.cipher,
				witness: { sms: new DevSms(() => {}), push, noAgentAfterMs: 3 * 60_000 }
			});
			const now = await pending(h, 5);
			const slotted = await pending(h, 6);
			for (const a of [now, slotted])
				await h.customerCall(a.token, 'POST', `/api/applications/${a.id}/push-subscriptions`, {
					endpoint: `https://push.example/${a.id}`,
					keys: { p256dh: 'B'.repeat(40), auth: 'a'.repeat(16) }
				});
			const bNow = (await (await book(h, now)).json()) as { id: string };
			const at = new Date(time.now().getTime() + 30 * 60_000).toISOString();
			const bSlot = (await (await book(h, slotted, { when: 'slot', at })).json()) as { id: string };
			const kinds = () => push.sent.map((p) => p.payload as { kind: string; booking: string });

			expect(await bookingTick(deps, time.now())).toEqual({ reminded: 0, noAgent: 0, expired: 0 });
			time.advance(4 * 60_000);
			expect(await bookingTick(deps, time.now())).toEqual({ reminded: 0, noAgent: 1, expired: 0 });
			const s = await h.customerCall(
				now.token,
				'GET',
				`/api/applications/${now.id}/bookings/${bNow.id}`
			);
			expect(await s.json()).toMatchObject({ state: 'waiting', noAgent: true });
			time.advance(17 * 60_000); // 21 min: the slot is 9 min away
			expect(await bookingTick(deps, time.now())).toEqual({ reminded: 1, noAgent: 0, expired: 0 });
			expect(await bookingTick(deps, time.now())).toEqual({ reminded: 0, noAgent: 0, expired: 0 });
			time.advance(10 * 60_000); // 31 min: the "now" booking waited past 30 min
			expect(await bookingTick(deps, time.now())).toMatchObject({ expired: 1 });
			const gone = await h.customerCall(
				now.token,
				'GET',
				`/api/applications/${now.id}/bookings/${bNow.id}`
			);
			expect(await gone.json()).toMatchObject({ state: 'expired', noAgent: false });
			expect(kinds()).toEqual([
				{ kind: 'no_agent', booking: bNow.id, url: `/witness/${bNow.id}` },
				{ kind: 'reminder', booking: bSlot.id, url: `/witness/${bSlot.id}` },
				{ kind: 'expired', booking: bNow.id, url: `/witness/${bNow.id}` }
			]);
			// An expired booking no longer blocks booking again.
			expect((await book(h, now)).status).toBe(201);
		} finally {
			await storage.close();
		}
	});
});
