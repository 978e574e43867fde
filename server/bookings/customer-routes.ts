/** Booking routes the customer calls with the application's capability token. */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { BOOKING_STATES, isBookableSlot } from '../../src/lib/domain/witness.ts';
import { appendAudit } from '../audit/log.ts';
import { ApiError } from '../http/errors.ts';
import { defineRoute, type RouteDef } from '../http/route.ts';
import { loadApplication } from '../applications/store.ts';
import { witnessOf } from './deps.ts';
import { bookingStatus, loadBooking, moveBooking, OPEN_STATES, type BookingRow } from './store.ts';

export const bookingStatusSchema = z.object({
	id: z.string(),
	state: z.enum(BOOKING_STATES),
	kind: z.enum(['now', 'slot']),
	dueAt: z.string(),
	position: z.number().int().nullable(),
	agentsAvailable: z.number().int(),
	noAgent: z.boolean()
});

const credentialSchema = z.object({
	peerId: z.string(),
	counterpartId: z.string(),
	credential: z.string(),
	expiresInMs: z.number()
});

/** The customer's own booking (404 for another application's: ids are not to be probed). */
async function ownBooking(
	db: Parameters<typeof loadBooking>[0],
	params: Record<string, string>
): Promise<BookingRow> {
	const b = await loadBooking(db, params.booking ?? '');
	if (b.application_id !== params.id)
		throw new ApiError(404, 'not_found', 'No such booking / 预约不存在');
	return b;
}

export const customerBookingRoutes: RouteDef[] = [
	defineRoute({
		method: 'post',
		path: '/api/applications/:id/bookings',
		operationId: 'bookWitness',
		summary: 'Books a video witness now or for a slot within 24 h (application awaiting witness)',
		access: { kind: 'customer' },
		body: z.discriminatedUnion('when', [
			z.object({ when: z.literal('now') }),
			z.object({ when: z.literal('slot'), at: z.iso.datetime({ offset: true }) })
		]),
		response: bookingStatusSchema,
		status: 201,
		async handler({ c, deps, params, body }) {
			const db = deps.storage.db;
			const now = deps.now();
			const app = await loadApplication(db, params.id ?? '');
			if (app.state !== 'witness_pending')
				throw new ApiError(
					409,
					'conflict',
					'Application is not awaiting a video witness / 申请当前无需视频见证',
					{
						state: app.state
					}
				);
			const due = body.when === 'now' ? now : new Date(body.at);
			if (!isBookableSlot(due, now))
				throw new ApiError(
					400,
					'validation_failed',
					'Pick a time within the next 24 hours / 请选择 24 小时内的时间',
					[{ path: 'at', message: 'outside the next 24 h' }]
				);
			const open = await db
				.selectFrom('witness_bookings')
				.select('id')
				.where('application_id', '=', app.id)
				.where('state', 'in', [...OPEN_STATES])
				.executeTakeFirst();
			if (open)
				throw new ApiError(409, 'conflict', 'A booking is already open / 已有进行中的预约', {
					booking: open.id
				});
			const row: BookingRow = {
				id: randomBytes(12).toString('hex'),
				application_id: app.id,
				kind: body.when,
				due_at: due.toISOString(),
				state: 'waiting',
				agent_id: null,
				created_at: now.toISOString(),
				updated_at: now.toISOString(),
				called_at: null,
				reminded_at: null,
				no_agent_at: null,
				outcome: null
			};
			await db.insertInto('witness_bookings').values(row).execute();
			await appendAudit(db, {
				actor: `customer:${app.id}`,
				action: 'booking.create',
				subject: app.id,
				detail: { booking: row.id, kind: row.kind, dueAt: row.due_at }
			});
			return c.json(await bookingStatus(db, row, now, witnessOf(deps).noAgentAfterMs), 201);
		}
	}),
	defineRoute({
		method: 'get',
		path: '/api/applications/:id/bookings/:booking',
		operationId: 'getBooking',
		summary: 'The booking: state, place in the queue, whether to offer the robot mode',
		access: { kind: 'customer' },
		response: bookingStatusSchema,
		async handler({ c, deps, params }) {
			const b = await ownBooking(deps.storage.db, params);
			return c.json(
				await bookingStatus(deps.storage.db, b, deps.now(), witnessOf(deps).noAgentAfterMs)
			);
		}
	}),
	defineRoute({
		method: 'delete',
		path: '/api/applications/:id/bookings/:booking',
		operationId: 'cancelBooking',
		summary: 'Cancels a waiting or called booking (e.g. to use the robot mode instead)',
		access: { kind: 'customer' },
		async handler({ c, deps, params }) {
			const b = await ownBooking(deps.storage.db, params);
			const ok = await moveBooking(deps.storage.db, b.id, OPEN_STATES, 'cancelled', deps.now());
			if (!ok) throw new ApiError(409, 'conflict', 'Booking is already closed / 预约已结束');
			await appendAudit(deps.storage.db, {
				actor: `customer:${b.application_id}`,
				action: 'booking.cancel',
				subject: b.application_id,
				detail: { booking: b.id }
			});
			return c.json({ ok: true });
		}
	}),
	defineRoute({
		method: 'post',
		path: '/api/applications/:id/bookings/:booking/credential',
		operationId: 'customerCallCredential',
		summary: "The customer's short-lived signalling credential for an open booking",
		access: { kind: 'customer' },
		response: credentialSchema,
		async handler({ c, deps, params }) {
			const b = await ownBooking(deps.storage.db, params);
			if (!OPEN_STATES.includes(b.state as never))
				throw new ApiError(409, 'conflict', 'Booking is closed / 预约已结束');
			return c.json(issueCredential(deps, b.id, 'customer'));
		}
	}),
	defineRoute({
		method: 'post',
		path: '/api/applications/:id/push-subscriptions',
		operationId: 'subscribePush',
		summary: "Registers this device's Web Push subscription for booking notifications",
		access: { kind: 'customer' },
		body: z.object({
			endpoint: z.url().startsWith('https://').max(1000),
			keys: z.object({ p256dh: z.string().min(16).max(200), auth: z.string().min(8).max(100) })
		}),
		status: 201,
		async handler({ c, deps, params, body }) {
			const db = deps.storage.db;
			const id = params.id ?? '';
			await db.transaction().execute(async (trx) => {
				await trx
					.deleteFrom('push_subscriptions')
					.where('application_id', '=', id)
					.where('endpoint', '=', body.endpoint)
					.execute();
				await trx
					.insertInto('push_subscriptions')
					.values({
						id: crypto.randomUUID(),
						application_id: id,
						endpoint: body.endpoint,
						p256dh: body.keys.p256dh,
						auth: body.keys.auth,
						created_at: deps.now().toISOString()
					})
					.execute();
			});
			return c.json({ ok: true }, 201);
		}
	}),
	defineRoute({
		method: 'get',
		path: '/api/witness/push-key',
		operationId: 'pushKey',
		summary: 'The VAPID public key for PushManager.subscribe (404 when push is off)',
		access: { kind: 'public' },
		response: z.object({ publicKey: z.string() }),
		async handler({ c, deps }) {
			const key = witnessOf(deps).vapidPublicKey;
			if (!key) throw new ApiError(404, 'not_found', 'Web Push is not configured / 未启用推送');
			return c.json({ publicKey: key });
		}
	})
];

/** A credential for one party of a booking, with the ids it opens and targets. */
export function issueCredential(
	deps: Parameters<typeof witnessOf>[0],
	bookingId: string,
	role: 'customer' | 'agent'
) {
	const ttl = 10 * 60_000;
	const other = role === 'customer' ? 'agent' : 'customer';
	return {
		peerId: `kw-${bookingId}-${role}`,
		counterpartId: `kw-${bookingId}-${other}`,
		// Wall-clock time, not deps.now(): the signalling checks expiry against its own clock.
		credential: witnessOf(deps).issuer.issue({ bookingId, role }),
		expiresInMs: ttl
	};
}
