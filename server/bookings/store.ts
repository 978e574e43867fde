/** The `witness_bookings` table: load, the FIFO queue of due bookings, and the customer's view. */
import type { Kysely } from 'kysely';
import type { BookingState, BookingStatus } from '../../src/lib/domain/witness.ts';
import { ApiError } from '../http/errors.ts';
import type { Database, WitnessBookingTable } from '../storage/schema.ts';

export type BookingRow = WitnessBookingTable;

/** Bookings that still hold a place: a customer has at most one at a time. */
export const OPEN_STATES: readonly BookingState[] = ['waiting', 'called'];

export async function loadBooking(db: Kysely<Database>, id: string): Promise<BookingRow> {
	const row = /^[a-f0-9]{24}$/.test(id)
		? await db.selectFrom('witness_bookings').selectAll().where('id', '=', id).executeTakeFirst()
		: undefined;
	if (!row) throw new ApiError(404, 'not_found', 'No such booking / 预约不存在');
	return row;
}

/** Due, waiting bookings in queue order: earliest due first, then first booked (FIFO). */
export function dueQueue(db: Kysely<Database>, now: Date) {
	return db
		.selectFrom('witness_bookings')
		.selectAll()
		.where('state', '=', 'waiting')
		.where('due_at', '<=', now.toISOString())
		.orderBy('due_at')
		.orderBy('created_at')
		.orderBy('id');
}

/** 1-based place of a due, waiting booking in the queue; null otherwise. */
export async function queuePosition(
	db: Kysely<Database>,
	b: BookingRow,
	now: Date
): Promise<number | null> {
	if (b.state !== 'waiting' || b.due_at > now.toISOString()) return null;
	const ahead = await db
		.selectFrom('witness_bookings')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('state', '=', 'waiting')
		.where((eb) =>
			eb.or([
				eb('due_at', '<', b.due_at),
				eb.and([eb('due_at', '=', b.due_at), eb('created_at', '<', b.created_at)]),
				eb.and([
					eb('due_at', '=', b.due_at),
					eb('created_at', '=', b.created_at),
					eb('id', '<', b.id)
				])
			])
		)
		.executeTakeFirstOrThrow();
	return Number(ahead.n) + 1;
}

export async function availableAgents(db: Kysely<Database>): Promise<number> {
	const r = await db
		.selectFrom('agent_presence')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('available', '=', 1)
		.executeTakeFirstOrThrow();
	return Number(r.n);
}

/** What the customer's page shows while waiting. */
export async function bookingStatus(
	db: Kysely<Database>,
	b: BookingRow,
	now: Date,
	noAgentAfterMs: number
): Promise<BookingStatus> {
	const waitedMs = now.getTime() - Date.parse(b.due_at);
	return {
		id: b.id,
		state: b.state as BookingState,
		kind: b.kind === 'slot' ? 'slot' : 'now',
		dueAt: b.due_at,
		position: await queuePosition(db, b, now),
		agentsAvailable: await availableAgents(db),
		noAgent: b.state === 'waiting' && (b.no_agent_at !== null || waitedMs >= noAgentAfterMs)
	};
}

/** Moves a booking from one of `from` to `to` (guarded); false when it was not in `from`. */
export async function moveBooking(
	db: Kysely<Database>,
	id: string,
	from: readonly BookingState[],
	to: BookingState,
	now: Date,
	extra: Partial<BookingRow> = {}
): Promise<boolean> {
	const r = await db
		.updateTable('witness_bookings')
		.set({ ...extra, state: to, updated_at: now.toISOString() })
		.where('id', '=', id)
		.where('state', 'in', [...from])
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}
