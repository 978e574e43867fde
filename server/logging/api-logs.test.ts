import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { findPii } from '../../tests/fixtures/privacy/pii-leaks.ts';
import type { Storage } from '../storage/index.ts';
import { flushLogs, setLogWriter } from './log.ts';
import { backends } from '../storage/test-databases.ts';
import { harness, type Harness } from '../testing/harness.ts';

/**
 * What the server logs over an application's life through the API (customer submits, a bad
 * submission is refused, staff list and view it, the agent records the witness, the reviewer
 * decides) holds none of the applicant's data.
 */
describe.each(backends())('server logs of an application on $kind', ({ open }) => {
	let storage: Storage;
	let h: Harness;
	beforeAll(async () => {
		storage = await open();
		h = await harness(storage, {}, 'lg');
	});
	afterAll(async () => storage.close());

	it('name, ID number, phone, card and address never reach a log line', async () => {
		const printed: string[] = [];
		const capture = (...args: unknown[]) => void printed.push(args.map(String).join(' '));
		vi.spyOn(console, 'log').mockImplementation(capture);
		vi.spyOn(console, 'error').mockImplementation(capture);
		vi.spyOn(console, 'warn').mockImplementation(capture);
		setLogWriter((chunk) => void printed.push(chunk));
		try {
			const body = h.submission(0);
			const who = {
				name: body.applicant.name,
				idNumber: body.applicant.idNumber,
				phone: body.applicant.phone,
				bankCard: body.bankCard.number,
				address: body.applicant.address
			};
			const a = await h.newApplication();
			const bad = { ...body, bankCard: { number: `${who.bankCard}0` } };
			const refused = await h.customerCall(
				a.token,
				'POST',
				`/api/applications/${a.id}/submit`,
				bad,
				{
					'idempotency-key': 'log-refused-1'
				}
			);
			expect(refused.status).toBeGreaterThanOrEqual(400);
			const ok = await h.customerCall(a.token, 'POST', `/api/applications/${a.id}/submit`, body, {
				'idempotency-key': 'log-good-1'
			});
			expect(ok.status, await ok.clone().text()).toBe(200);
			await h.drain(); // the submission's job moves it to witness_pending
			const reviewer = await h.login('lgreviewer1');
			const list = await h.staffCall(reviewer, 'GET', '/api/staff/applications');
			expect(list.status, await list.clone().text()).toBe(200);
			expect((await h.staffCall(reviewer, 'GET', `/api/staff/applications/${a.id}`)).status).toBe(
				200
			);
			const agent = await h.login('lgagent1');
			const witnessed = await h.staffCall(
				agent,
				'POST',
				`/api/staff/applications/${a.id}/witness`,
				{
					outcome: 'completed'
				}
			);
			expect(witnessed.status, await witnessed.clone().text()).toBe(200);
			const decided = await h.staffCall(
				reviewer,
				'POST',
				`/api/staff/applications/${a.id}/decision`,
				{
					decision: 'approve'
				}
			);
			expect(decided.status, await decided.clone().text()).toBe(200);

			flushLogs();
			const logged = h.logs.map((e) => JSON.stringify(e)).join('\n') + '\n' + printed.join('\n');
			expect(h.logs.filter((e) => e.msg === 'request').length).toBeGreaterThanOrEqual(6);
			expect(findPii(logged, who)).toEqual([]);
		} finally {
			setLogWriter(undefined);
			vi.restoreAllMocks();
		}
	});
});
