/** Agent routes: availability, the queue of due bookings, taking a booking, the call credential. */
import { z } from 'zod';
import { appendAudit } from '../audit/log.ts';
import { CSRF_HEADER } from '../auth/authenticate.ts';
import type { Principal } from '../auth/roles.ts';
import type { CoreDeps } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import { defineRoute, type RouteDef } from '../http/route.ts';
import { issueCredential } from './customer-routes.ts';
import { witnessOf } from './deps.ts';
import { notifyCustomer } from './notify.ts';
import { dueQueue, loadBooking, moveBooking, type BookingRow } from './store.ts';

const csrf = [{ name: CSRF_HEADER, required: true, description: 'CSRF token from login' }] as const;
const AGENT = { kind: 'staff', roles: ['agent'] } as const;

export function staffId(p: Principal): string {
	if (p.kind !== 'staff')
		throw new ApiError(401, 'unauthorized', 'Staff login required / 需要员工登录');
	return p.staffId;
}

/** A booking the calling agent has taken (and not closed): anything else is refused. */
export async function agentBooking(deps: CoreDeps, p: Principal, id: string): Promise<BookingRow> {
	const b = await loadBooking(deps.storage.db, id);
	if (b.agent_id !== staffId(p))
		throw new ApiError(403, 'forbidden', 'Not your booking / 不是您接起的预约');
	return b;
}

const queueItem = z.object({
	id: z.string(),
	applicationId: z.string(),
	kind: z.string(),
	dueAt: z.string(),
	waitingMs: z.number(),
	position: z.number().int()
});

export const agentRoutes: RouteDef[] = [
	defineRoute({
		method: 'put',
		path: '/api/staff/agent/availability',
		operationId: 'setAvailability',
		summary: 'Agent marks themselves available (or not) for witness calls',
		access: AGENT,
		headers: csrf,
		body: z.object({ available: z.boolean() }),
		response: z.object({ available: z.boolean() }),
		async handler({ c, deps, body, principal }) {
			const id = staffId(principal);
			const available = body.available ? 1 : 0;
			const updated_at = deps.now().toISOString();
			await deps.storage.db
				.insertInto('agent_presence')
				.values({ staff_id: id, available, updated_at })
				.onConflict((oc) => oc.column('staff_id').doUpdateSet({ available, updated_at }))
				.execute();
			await appendAudit(deps.storage.db, {
				actor: `staff:${id}`,
				action: 'agent.availability',
				subject: id,
				detail: { available: body.available }
			});
			return c.json({ available: body.available });
		}
	}),
	defineRoute({
		method: 'get',
		path: '/api/staff/bookings',
		operationId: 'bookingQueue',
		summary: 'The FIFO queue of due bookings, the agent’s own open calls and availability (no PII)',
		access: AGENT,
		response: z.object({
			available: z.boolean(),
			queue: z.array(queueItem),
			mine: z.array(queueItem.omit({ position: true, waitingMs: true }))
		}),
		async handler({ c, deps, principal }) {
			const db = deps.storage.db;
			const now = deps.now();
			const id = staffId(principal);
			const presence = await db
				.selectFrom('agent_presence')
				.select('available')
				.where('staff_id', '=', id)
				.executeTakeFirst();
			const queue = await dueQueue(db, now).limit(100).execute();
			const mine = await db
				.selectFrom('witness_bookings')
				.selectAll()
				.where('agent_id', '=', id)
				.where('state', '=', 'called')
				.orderBy('called_at')
				.execute();
			return c.json({
				available: presence?.available === 1,
				queue: queue.map((b, i) => ({
					id: b.id,
					applicationId: b.application_id,
					kind: b.kind,
					dueAt: b.due_at,
					waitingMs: Math.max(0, now.getTime() - Date.parse(b.due_at)),
					position: i + 1
				})),
				mine: mine.map((b) => ({
					id: b.id,
					applicationId: b.application_id,
					kind: b.kind,
					dueAt: b.due_at
				}))
			});
		}
	}),
	defineRoute({
		method: 'post',
		path: '/api/staff/bookings/:id/claim',
		operationId: 'claimBooking',
		summary: 'Agent takes a due booking: it is assigned to them and the customer is called',
		access: AGENT,
		headers: csrf,
		async handler({ c, deps, params, principal }) {
			const db = deps.storage.db;
			const now = deps.now();
			const b = await loadBooking(db, params.id ?? '');
			const agent = staffId(principal);
			if (b.due_at > now.toISOString())
				throw new ApiError(409, 'conflict', 'This booking is not due yet / 预约时间未到');
			const ok = await moveBooking(db, b.id, ['waiting'], 'called', now, {
				agent_id: agent,
				called_at: now.toISOString()
			});
			if (!ok)
				throw new ApiError(409, 'conflict', 'Another agent took this booking / 该预约已被接起');
			await appendAudit(db, {
				actor: `staff:${agent}`,
				action: 'booking.claim',
				subject: b.application_id,
				detail: { booking: b.id }
			});
			const w = witnessOf(deps);
			const sent = await notifyCustomer(
				{ db, cipher: deps.cipher, sms: w.sms, push: w.push, origin: w.origin, log: deps.log },
				b,
				'called'
			);
			return c.json({ id: b.id, applicationId: b.application_id, state: 'called', notified: sent });
		}
	}),
	defineRoute({
		method: 'post',
		path: '/api/staff/bookings/:id/credential',
		operationId: 'agentCallCredential',
		summary: "The assigned agent's short-lived signalling credential for the booking",
		access: AGENT,
		headers: csrf,
		async handler({ c, deps, params, principal }) {
			const b = await agentBooking(deps, principal, params.id ?? '');
			if (b.state !== 'called')
				throw new ApiError(409, 'conflict', 'Booking is closed / 预约已结束');
			return c.json(issueCredential(deps, b.id, 'agent'));
		}
	})
];
