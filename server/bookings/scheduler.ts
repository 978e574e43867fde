/**
 * The booking scheduler: one `tick(now)` sends slot reminders, tells customers nobody is free
 * (so their page offers the robot mode), and expires missed bookings. Time is injected, so tests
 * drive it with a fake clock; `startBookingScheduler` runs it on an interval in the server.
 */
import { appendAudit } from '../audit/log.ts';
import type { CoreDeps } from '../deps.ts';
import { witnessOf } from './deps.ts';
import { notifyCustomer, type BookingNotice, type NotifyContext } from './notify.ts';
import { moveBooking, type BookingRow } from './store.ts';

export interface TickResult {
	reminded: number;
	noAgent: number;
	expired: number;
}

export async function bookingTick(deps: CoreDeps, now: Date): Promise<TickResult> {
	const db = deps.storage.db;
	const w = witnessOf(deps);
	const ctx: NotifyContext = {
		db,
		cipher: deps.cipher,
		sms: w.sms,
		push: w.push,
		origin: w.origin,
		log: deps.log
	};
	const at = (ms: number) => new Date(now.getTime() + ms).toISOString();
	const nowIso = now.toISOString();
	const result: TickResult = { reminded: 0, noAgent: 0, expired: 0 };
	const tell = (b: BookingRow, n: BookingNotice) => notifyCustomer(ctx, b, n);

	// Reminders: slots starting within the lead time, once each (the guarded update claims it).
	const soon = await db
		.selectFrom('witness_bookings')
		.selectAll()
		.where('state', '=', 'waiting')
		.where('kind', '=', 'slot')
		.where('reminded_at', 'is', null)
		.where('due_at', '>', nowIso)
		.where('due_at', '<=', at(w.reminderLeadMs))
		.execute();
	for (const b of soon) {
		const r = await db
			.updateTable('witness_bookings')
			.set({ reminded_at: nowIso, updated_at: nowIso })
			.where('id', '=', b.id)
			.where('reminded_at', 'is', null)
			.executeTakeFirst();
		if (Number(r.numUpdatedRows) === 1) {
			await tell(b, 'reminder');
			result.reminded++;
		}
	}

	// Expiry first, so a booking past both limits is expired rather than offered the robot.
	const missed = await db
		.selectFrom('witness_bookings')
		.selectAll()
		.where((eb) =>
			eb.or([
				eb.and([eb('state', '=', 'waiting'), eb('due_at', '<=', at(-w.expireAfterMs))]),
				eb.and([eb('state', '=', 'called'), eb('called_at', '<=', at(-w.calledExpireMs))])
			])
		)
		.execute();
	for (const b of missed) {
		if (!(await moveBooking(db, b.id, [b.state as 'waiting' | 'called'], 'expired', now))) continue;
		await appendAudit(db, {
			actor: 'system',
			action: 'booking.expire',
			subject: b.application_id,
			detail: { booking: b.id, from: b.state }
		});
		await tell(b, 'expired');
		result.expired++;
	}

	// Nobody took a due booking in time: tell the customer once (their page offers the robot).
	const unserved = await db
		.selectFrom('witness_bookings')
		.selectAll()
		.where('state', '=', 'waiting')
		.where('no_agent_at', 'is', null)
		.where('due_at', '<=', at(-w.noAgentAfterMs))
		.execute();
	for (const b of unserved) {
		const r = await db
			.updateTable('witness_bookings')
			.set({ no_agent_at: nowIso, updated_at: nowIso })
			.where('id', '=', b.id)
			.where('no_agent_at', 'is', null)
			.executeTakeFirst();
		if (Number(r.numUpdatedRows) === 1) {
			await tell(b, 'no_agent');
			result.noAgent++;
		}
	}
	return result;
}

/** Runs {@link bookingTick} every `intervalMs` (errors are logged, the next tick retries). */
export function startBookingScheduler(deps: CoreDeps, intervalMs = 30_000): () => void {
	let running = false;
	const timer = setInterval(() => {
		if (running) return;
		running = true;
		bookingTick(deps, deps.now())
			.catch((err: Error) =>
				deps.log({ level: 'error', msg: 'booking tick failed', error: err.name })
			)
			.finally(() => (running = false));
	}, intervalMs);
	timer.unref();
	return () => clearInterval(timer);
}
