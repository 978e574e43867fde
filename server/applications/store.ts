/** The applications table: load, create and move through the shared state machine. */
import type { Kysely } from 'kysely';
import {
	transition,
	type ApplicationEvent,
	type ApplicationState
} from '../../src/lib/domain/application.ts';
import { ApiError } from '../http/errors.ts';
import type { Database } from '../storage/schema.ts';

export type ApplicationRow = Database['applications'];

export async function loadApplication(db: Kysely<Database>, id: string): Promise<ApplicationRow> {
	const row = await db
		.selectFrom('applications')
		.selectAll()
		.where('id', '=', id)
		.executeTakeFirst();
	if (!row) throw new ApiError(404, 'not_found', 'No such application / 申请不存在');
	return row as ApplicationRow;
}

/**
 * Applies `events` in order to the application (which must still be in `from`), with `extra`
 * column updates. A concurrent change makes the guarded update touch no row: 409.
 */
export async function applyEvents(
	db: Kysely<Database>,
	id: string,
	from: ApplicationState,
	events: readonly ApplicationEvent[],
	now: Date,
	extra: Partial<ApplicationRow> = {}
): Promise<ApplicationState> {
	let state = from;
	let reason: string | undefined;
	for (const e of events) {
		const r = transition(state, e);
		if (!r.ok) throw new ApiError(409, 'conflict', r.message, { code: r.code, state });
		state = r.state;
		reason = r.reason ?? reason;
	}
	const res = await db
		.updateTable('applications')
		.set({ ...extra, state, updated_at: now.toISOString(), ...(reason ? { reason } : {}) })
		.where('id', '=', id)
		.where('state', '=', from)
		.executeTakeFirst();
	if (Number(res.numUpdatedRows) !== 1)
		throw new ApiError(
			409,
			'conflict',
			'The application changed meanwhile / 申请状态已变化，请刷新'
		);
	return state;
}
