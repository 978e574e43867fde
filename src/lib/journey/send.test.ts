/**
 * The wizard's submission against the real Hono app (in-process, SQLite): create, submit with the
 * idempotency key, replay after a lost answer, offline queueing, and a refusal sent back to the
 * step that must be corrected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../../../server/storage/test-databases.ts';
import type { Storage } from '../../../server/storage/index.ts';
import { harness, TINY_PNG, type Harness } from '../../../server/testing/harness.ts';
import { fetchStatus } from './api.ts';
import { sendSubmission, splitMessage } from './send.ts';
import type { JourneyData } from './types.ts';

describe.each(backends())('wizard submission on $kind', ({ open }) => {
	let storage: Storage;
	let h: Harness;
	let calls = 0;
	const fetcher = ((input: RequestInfo | URL, init?: RequestInit) => {
		calls++;
		return Promise.resolve(h.app.request(String(input), init));
	}) as typeof fetch;
	const offline = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;

	beforeAll(async () => {
		storage = await open();
		h = await harness(storage);
	});
	afterAll(async () => storage.close());

	function journey(i = 0): JourneyData {
		const c = h.citizens[i]!;
		return {
			startedAt: 0,
			consent: { terms: true, at: 0 },
			faceConsent: 'declined',
			basic: { phone: '13800138000' },
			id: { ...c, address: '北京市东城区测试路1号', photographed: true },
			liveness: { status: 'manual' },
			registry: { confirmedAt: 0 },
			bankCard: { number: '6228480402564890018' },
			kyc: { occupation: 'employee', incomeBand: '50k_200k', purpose: 'salary' },
			witness: { mode: 'video' },
			signature: { png: TINY_PNG, at: 0 },
			submission: { idempotencyKey: 'wizard-key-0001', state: 'queued' }
		};
	}

	it('creates the application and submits it; the customer can read its status', async () => {
		const sent = await sendSubmission(journey(0), fetcher);
		expect(sent.server?.token).toMatch(/^kh_/);
		expect(sent.submission).toMatchObject({ state: 'sent', result: { registry: 'same_person' } });
		// Answered before the server's checks (form PDF, face) ran: the status page says "checking".
		expect(sent.submission?.result?.state).toBe('submitted');
		expect(await fetchStatus(sent.server!, fetcher)).toMatchObject({
			value: { state: 'submitted' }
		});
		// Registry passed: once checked, next the witness call (a reviewer decides after it).
		await h.drain();
		const status = await fetchStatus(sent.server!, fetcher);
		expect(status).toMatchObject({ ok: true, value: { state: 'witness_pending', account: null } });
	});

	it('a retry after a lost answer replays the first result instead of submitting twice', async () => {
		const first = await sendSubmission(journey(1), fetcher);
		const lost = { ...first, submission: { ...first.submission!, state: 'queued' as const } };
		const again = await sendSubmission(lost, fetcher);
		expect(again.server?.id).toBe(first.server?.id);
		expect(again.submission).toMatchObject({ state: 'sent', result: first.submission?.result });
	});

	it('offline, the signed application stays queued on the device, then goes when online', async () => {
		const queued = await sendSubmission(journey(2), offline);
		expect(queued.submission?.state).toBe('queued');
		expect(queued.server).toBeUndefined();
		calls = 0;
		const sent = await sendSubmission(queued, fetcher);
		expect(sent.submission?.state).toBe('sent');
		expect(calls).toBe(2); // create + submit
	});

	it('a refusal names the step to correct and gets a fresh key for the corrected form', async () => {
		const d = journey(3);
		d.id = { ...d.id!, validTo: '2020-01-01' }; // expired card
		const back = await sendSubmission(d, fetcher);
		expect(back.submission).toMatchObject({ state: 'needs_action', problem: { step: 'id' } });
		expect(back.submission?.problem?.zh).toContain('身份证已过期');
		expect(back.submission?.problem?.en).toContain('ID card expired');
		expect(back.submission?.idempotencyKey).not.toBe('wizard-key-0001');
	});

	it('a form missing an answer is not sent at all', async () => {
		const { kyc: _kyc, ...rest } = journey(4);
		calls = 0;
		const back = await sendSubmission(rest, fetcher);
		expect(back.submission).toMatchObject({ state: 'needs_action', problem: { step: 'kyc' } });
		expect(calls).toBe(0);
	});
});

describe('server messages', () => {
	it('split into the two languages', () => {
		expect(splitMessage('A / 甲; B / 乙')).toEqual({ en: 'A; B', zh: '甲；乙' });
		expect(splitMessage('plain')).toEqual({ en: 'plain', zh: 'plain' });
	});
});
