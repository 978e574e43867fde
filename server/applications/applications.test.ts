import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { luhnValid } from '../../src/lib/domain/bank-card.ts';
import { verifyAuditChain } from '../audit/log.ts';
import { makeIdNumber } from '../registry/synthetic.ts';
import type { Storage } from '../storage/index.ts';
import { backends } from '../storage/test-databases.ts';
import { harness, type Harness, type Session } from '../testing/harness.ts';

describe.each(backends())('applications on $kind', ({ open }) => {
	let storage: Storage;
	let h: Harness;
	let agent: Session;
	let reviewer: Session;
	beforeAll(async () => {
		storage = await open();
		h = await harness(storage);
		agent = await h.login('agent1');
		reviewer = await h.login('reviewer1');
	});
	afterAll(async () => storage.close());

	/** Submits, then runs the submission's job (form PDF, face re-check, next state). */
	const submit = async (
		a: { id: string; token: string },
		body: unknown,
		key = 'key-' + a.id.slice(0, 8)
	) => {
		const res = await h.customerCall(a.token, 'POST', `/api/applications/${a.id}/submit`, body, {
			'idempotency-key': key
		});
		await h.drain();
		return res;
	};
	const stored = (id: string) =>
		storage.db
			.selectFrom('applications')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirstOrThrow();

	it('goes draft → witness_pending → witnessed → approved and opens a Class II account', async () => {
		const a = await h.newApplication();
		const res = await submit(a, h.submission(0));
		expect(res.status).toBe(200);
		// The answer comes before the form PDF; the job then renders it and moves the state on.
		expect(await res.json()).toEqual({
			id: a.id,
			state: 'submitted',
			registry: 'same_person',
			risk: 'low'
		});
		const row = await stored(a.id);
		expect(row.state).toBe('witness_pending');

		const pdf = await h.staffCall(reviewer, 'GET', `/api/staff/applications/${a.id}/form.pdf`);
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		const bytes = new Uint8Array(await pdf.arrayBuffer());
		expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
		expect(createHash('sha256').update(bytes).digest('hex')).toBe(row.form_sha256);

		expect(
			(
				await h.staffCall(agent, 'POST', `/api/staff/applications/${a.id}/witness`, {
					outcome: 'completed'
				})
			).status
		).toBe(200);
		const decided = await h.staffCall(
			reviewer,
			'POST',
			`/api/staff/applications/${a.id}/decision`,
			{ decision: 'approve' }
		);
		const d = (await decided.json()) as {
			state: string;
			account: {
				accountNumber: string;
				dailyOutflowLimitFen: number;
				yearlyOutflowLimitFen: number;
			};
		};
		expect(d.state).toBe('approved');
		expect(d.account.accountNumber).toMatch(/^\d{19}$/);
		expect(luhnValid(d.account.accountNumber)).toBe(true);
		expect(d.account.dailyOutflowLimitFen).toBe(1_000_000);
		expect(d.account.yearlyOutflowLimitFen).toBe(20_000_000);

		const status = (await (
			await h.customerCall(a.token, 'GET', `/api/applications/${a.id}`)
		).json()) as {
			state: string;
			account: { accountNumber: string };
			notices: { kind: string; message: string }[];
		};
		expect(status.state).toBe('approved');
		expect(status.account.accountNumber).toBe(d.account.accountNumber);
		expect(status.notices[0]?.message).toContain(d.account.accountNumber.slice(-4));

		// A decided application cannot be decided again.
		const again = await h.staffCall(reviewer, 'POST', `/api/staff/applications/${a.id}/decision`, {
			decision: 'reject',
			reason: 'changed my mind'
		});
		expect(again.status).toBe(409);
		expect(await verifyAuditChain(storage.db)).toMatchObject({ ok: true });
		const actions = await storage.db
			.selectFrom('audit_log')
			.select('action')
			.where('subject', '=', a.id)
			.execute();
		expect(actions.map((r) => r.action)).toEqual(
			expect.arrayContaining([
				'application.submit',
				'application.form',
				'application.witness',
				'application.decide'
			])
		);
	});

	it('stores PII only encrypted', async () => {
		const a = await h.newApplication();
		const s = h.submission(1);
		await submit(a, s);
		const row = await storage.db
			.selectFrom('applications')
			.selectAll()
			.where('id', '=', a.id)
			.executeTakeFirstOrThrow();
		const dump = JSON.stringify(row);
		expect(dump).not.toContain(s.applicant.idNumber);
		expect(dump).not.toContain(s.applicant.name);
		expect(dump).not.toContain(s.bankCard.number);
		const view = (await (
			await h.staffCall(reviewer, 'GET', `/api/staff/applications/${a.id}`)
		).json()) as { pii: { applicant: { name: string } } };
		expect(view.pii.applicant.name).toBe(s.applicant.name);
	});

	it('replays an idempotent submission and refuses a conflicting one', async () => {
		const a = await h.newApplication();
		const first = await submit(a, h.submission(2), 'same-key-1');
		const replay = await submit(a, h.submission(2), 'same-key-1');
		expect(replay.status).toBe(200);
		expect(await replay.json()).toEqual(await first.json());
		const conflict = await submit(a, h.submission(3), 'same-key-1');
		expect(conflict.status).toBe(409);
		const other = await submit(a, h.submission(2), 'another-key');
		expect(other.status).toBe(409);
		const noKey = await h.customerCall(
			a.token,
			'POST',
			`/api/applications/${a.id}/submit`,
			h.submission(2)
		);
		expect(noKey.status).toBe(400);
	});

	it.each([
		['a wrong ID check digit', { idNumber: '11010519491231002' + '1' }, 'id_checksum'],
		[
			'an applicant under 18',
			{ idNumber: makeIdNumber('110105', '20150101', 101) },
			'age_out_of_range'
		],
		[
			'an applicant over 70',
			{ idNumber: makeIdNumber('110105', '19400101', 101) },
			'age_out_of_range'
		],
		['an expired ID card', { validTo: '2020-01-01' }, 'card_expired']
	])('re-validates: refuses %s', async (_label, applicant, code) => {
		const a = await h.newApplication();
		const s = h.submission(0);
		const res = await submit(a, { ...s, applicant: { ...s.applicant, ...applicant } });
		expect(res.status).toBe(400);
		expect(await res.json()).toMatchObject({
			error: {
				code: 'validation_failed',
				details: expect.arrayContaining([expect.objectContaining({ code })])
			}
		});
	});

	it('re-validates the bank card Luhn and the signature PNG', async () => {
		const a = await h.newApplication();
		const res = await submit(
			a,
			h.submission(0, {
				bankCard: { number: '6228480402564890017' },
				signaturePng: Buffer.from('not a png at all').toString('base64')
			})
		);
		const body = (await res.json()) as { error: { details: { code: string }[] } };
		expect(body.error.details.map((d) => d.code).sort()).toEqual(['bank_luhn', 'signature_png']);
	});

	it('binds liveness evidence to the nonce the server issued', async () => {
		const a = await h.newApplication();
		const { nonce } = (await (
			await h.customerCall(a.token, 'POST', `/api/applications/${a.id}/liveness-nonce`)
		).json()) as { nonce: string };
		expect((await submit(a, h.submission(4), 'k-nonce-1')).status).toBe(400);
		expect(
			(await submit(a, h.submission(4, { livenessNonce: 'x'.repeat(32) }), 'k-nonce-2')).status
		).toBe(400);
		const ok = await submit(a, h.submission(4, { livenessNonce: nonce }), 'k-nonce-3');
		expect(ok.status).toBe(200);
	});

	it('rejects an unknown ID number and a name that does not match the number', async () => {
		const unknown = await h.newApplication();
		const s = h.submission(0);
		const r1 = await submit(unknown, {
			...s,
			applicant: { ...s.applicant, idNumber: makeIdNumber('110105', '19800101', 999) }
		});
		expect(await r1.json()).toMatchObject({ state: 'submitted', registry: 'no_such_number' });
		expect(await stored(unknown.id)).toMatchObject({
			state: 'rejected',
			reason: 'registry:no_such_number'
		});
		const wrongName = await h.newApplication();
		const r2 = await submit(wrongName, { ...s, applicant: { ...s.applicant, name: '冒名者' } });
		expect(await r2.json()).toMatchObject({ state: 'submitted', registry: 'name_number_mismatch' });
		expect(await stored(wrongName.id)).toMatchObject({ state: 'rejected' });
	});

	it('routes high-risk KYC to manual review after the witness, where a reviewer can send it back', async () => {
		const a = await h.newApplication();
		await submit(
			a,
			h.submission(5, {
				kyc: {
					occupation: 'cash_intensive_business',
					incomeBand: 'gt_1m',
					purpose: 'business_settlement'
				}
			})
		);
		const w = await h.staffCall(agent, 'POST', `/api/staff/applications/${a.id}/witness`, {
			outcome: 'completed'
		});
		expect(await w.json()).toMatchObject({ state: 'manual_review' });
		const back = await h.staffCall(reviewer, 'POST', `/api/staff/applications/${a.id}/decision`, {
			decision: 'return_to_witness'
		});
		expect(await back.json()).toMatchObject({ state: 'witness_pending' });
		const failed = await h.staffCall(agent, 'POST', `/api/staff/applications/${a.id}/witness`, {
			outcome: 'failed',
			reason: 'customer left the call'
		});
		expect(await failed.json()).toMatchObject({ state: 'rejected' });
		const list = (await (
			await h.staffCall(reviewer, 'GET', '/api/staff/applications?state=rejected')
		).json()) as { applications: { id: string; reason: string }[] };
		expect(list.applications.find((x) => x.id === a.id)?.reason).toBe(
			'witness:customer left the call'
		);
	});

	it('writes request logs without the applicant’s name, ID number or card', async () => {
		const a = await h.newApplication();
		const s = h.submission(6);
		h.logs.length = 0;
		await submit(a, s);
		await h.staffCall(reviewer, 'GET', `/api/staff/applications/${a.id}`);
		const text = h.logs.map((l) => JSON.stringify(l)).join('\n');
		expect(h.logs.length).toBeGreaterThanOrEqual(2);
		expect(text).toContain('/api/applications/:id/submit');
		for (const secret of [
			s.applicant.name,
			s.applicant.idNumber,
			s.bankCard.number,
			s.applicant.phone,
			a.id,
			a.token
		])
			expect(text).not.toContain(secret);
	});
});
