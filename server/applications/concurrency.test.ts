import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../storage/index.ts';
import { backends } from '../storage/test-databases.ts';
import { harness, type Harness } from '../testing/harness.ts';

describe.each(backends())('concurrent requests on $kind', ({ open }) => {
	let storage: Storage;
	let h: Harness;
	beforeAll(async () => {
		storage = await open();
		h = await harness(storage);
	});
	afterAll(async () => storage.close());

	it('a double-clicked submission yields one result; replays then return it', async () => {
		const a = await h.newApplication();
		const send = () =>
			h.customerCall(a.token, 'POST', `/api/applications/${a.id}/submit`, h.submission(0), {
				'idempotency-key': 'double-click'
			});
		const results = await Promise.all([send(), send(), send()]);
		const statuses = results.map((r) => r.status);
		expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
		expect(statuses).toContain(200);
		const first = await (await send()).json();
		expect(first).toMatchObject({ state: 'submitted' });
		// One submission, one job: draining renders one form PDF.
		expect(await h.drain()).toBe(1);
		expect(await h.settle(a.id)).toMatchObject({ state: 'witness_pending' });
		const files = await storage.db
			.selectFrom('app_files')
			.select('kind')
			.where('application_id', '=', a.id)
			.execute();
		expect(files.filter((f) => f.kind === 'form_pdf')).toHaveLength(1);
	});

	it('two reviewers deciding at once: one decision wins, one account at most', async () => {
		const a = await h.newApplication();
		await h.customerCall(a.token, 'POST', `/api/applications/${a.id}/submit`, h.submission(1), {
			'idempotency-key': 'race-decide'
		});
		await h.drain();
		const agent = await h.login('agent1');
		await h.staffCall(agent, 'POST', `/api/staff/applications/${a.id}/witness`, {
			outcome: 'completed'
		});
		const r1 = await h.login('reviewer1');
		const r2 = await h.login('admin1');
		const [x, y] = await Promise.all([
			h.staffCall(r1, 'POST', `/api/staff/applications/${a.id}/decision`, { decision: 'approve' }),
			h.staffCall(r2, 'POST', `/api/staff/applications/${a.id}/decision`, {
				decision: 'reject',
				reason: 'duplicate'
			})
		]);
		expect([x.status, y.status].sort()).toEqual([200, 409]);
		const accounts = await storage.db
			.selectFrom('accounts')
			.select('account_number')
			.where('application_id', '=', a.id)
			.execute();
		const app = await storage.db
			.selectFrom('applications')
			.select('state')
			.where('id', '=', a.id)
			.executeTakeFirstOrThrow();
		expect(accounts).toHaveLength(app.state === 'approved' ? 1 : 0);
	});
});
