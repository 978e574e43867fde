/**
 * Test helper: a request the server must refuse — with the expected status, the one error shape,
 * and every table and every file under the intake directory exactly as before.
 */
import { expect } from 'vitest';
import { REJECTION_MAY_CHANGE } from './fuzz.ts';
import { changedBetween, snapshotState } from './snapshot.ts';
import type { Target } from './target.ts';

/** Sends, then asserts the refusal and that nothing was stored. Returns the error body. */
export async function expectRejected(
	t: Target,
	send: () => Response | Promise<Response>,
	status: number | readonly number[],
	label = ''
): Promise<{ code: string; message: string; details?: unknown }> {
	const before = await snapshotState(t.storage, t.dir);
	const res = await send();
	const statuses = typeof status === 'number' ? [status] : status;
	const text = await res.text();
	expect(statuses, `${label}: ${res.status} ${text.slice(0, 200)}`).toContain(res.status);
	const body = JSON.parse(text) as { error: { code: string; message: string; details?: unknown } };
	expect(body.error, label).toMatchObject({
		code: expect.any(String),
		message: expect.any(String)
	});
	const changed = changedBetween(before, await snapshotState(t.storage, t.dir)).filter(
		(x) => !REJECTION_MAY_CHANGE.includes(x)
	);
	expect(changed, `${label}: stored on rejection`).toEqual([]);
	return body.error;
}
