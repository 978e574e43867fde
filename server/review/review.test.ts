import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../storage/index.ts';
import { backends } from '../storage/test-databases.ts';
import { harness, TINY_PNG, type Harness, type Session } from '../testing/harness.ts';
import { maskName, sniffType } from './queries.ts';

describe.each(backends())('reviewer console API on $kind', ({ open }) => {
	let storage: Storage;
	let h: Harness;
	let reviewer: Session;
	beforeAll(async () => {
		storage = await open();
		// No face comparator: a submitted live photo cannot be checked, so a human must look.
		h = await harness(storage, {}, 'rv');
		reviewer = await h.login('rvreviewer1');
	});
	afterAll(async () => storage.close());

	async function escalated() {
		const a = await h.newApplication();
		const res = await h.customerCall(
			a.token,
			'POST',
			`/api/applications/${a.id}/submit`,
			h.submission(1, { livePhoto: TINY_PNG, idPortrait: TINY_PNG, faceScore: 0.83 }),
			{ 'idempotency-key': `rv-${a.id}` }
		);
		expect(((await res.json()) as { state: string }).state).toBe('submitted');
		expect(await h.settle(a.id)).toMatchObject({ state: 'manual_review' });
		return a;
	}

	it('queues an escalated application with its category, masked name and both face scores', async () => {
		const a = await escalated();
		const res = await h.staffCall(reviewer, 'GET', '/api/review/queue');
		expect(res.status).toBe(200);
		const { items } = (await res.json()) as { items: Record<string, unknown>[] };
		const item = items.find((i) => i.id === a.id);
		expect(item).toMatchObject({
			state: 'manual_review',
			reason: 'face:no_server_comparator',
			category: 'low_face_score',
			maskedName: maskName(h.citizens[1]!.name),
			clientFaceScore: 0.83,
			faceScore: null
		});
		expect(JSON.stringify(items)).not.toContain(h.citizens[1]!.idNumber);
	});

	it('shows identity, files and history; serves a file; approval opens the account', async () => {
		const a = await escalated();
		const detail = (await (
			await h.staffCall(reviewer, 'GET', `/api/review/applications/${a.id}`)
		).json()) as {
			pii: { applicant: { name: string } };
			files: { id: string; label: string; available: boolean }[];
			history: { action: string; actor: string }[];
		};
		expect(detail.pii.applicant.name).toBe(h.citizens[1]!.name);
		expect(detail.files.map((f) => f.label).sort()).toEqual(
			['form_pdf', 'id_portrait', 'live_photo', 'signature'].sort()
		);
		expect(detail.history.map((e) => e.action)).toEqual([
			'application.submit',
			'application.processed',
			'review.view'
		]);
		expect(detail.history.at(-1)?.actor).toBe('rvreviewer1');

		const live = detail.files.find((f) => f.label === 'live_photo')!;
		const file = await h.staffCall(
			reviewer,
			'GET',
			`/api/review/applications/${a.id}/files/${live.id}`
		);
		expect(file.status).toBe(200);
		expect(file.headers.get('content-type')).toBe('image/png');
		expect(Buffer.from(await file.arrayBuffer()).toString('base64')).toBe(TINY_PNG);
		const other = await h.newApplication();
		const foreign = await h.staffCall(
			reviewer,
			'GET',
			`/api/review/applications/${other.id}/files/${live.id}`
		);
		expect(foreign.status).toBe(404);

		const decide = await h.staffCall(reviewer, 'POST', `/api/staff/applications/${a.id}/decision`, {
			decision: 'approve'
		});
		expect(decide.status).toBe(200);
		const status = (await (
			await h.customerCall(a.token, 'GET', `/api/applications/${a.id}`)
		).json()) as { state: string; account: { accountNumber: string } | null };
		expect(status.state).toBe('approved');
		expect(status.account?.accountNumber).toMatch(/^\d{16,19}$/);
		const after = (await (
			await h.staffCall(reviewer, 'GET', `/api/review/applications/${a.id}`)
		).json()) as { history: { action: string }[]; account: { accountNumber: string } };
		expect(after.account.accountNumber).toBe(status.account?.accountNumber);
		expect(after.history.map((e) => e.action)).toContain('application.decide');
	});
});

describe('review helpers', () => {
	it('masks names and sniffs stored media types', () => {
		expect(maskName('张三丰')).toBe('张*丰');
		expect(maskName('李四')).toBe('李*');
		expect(maskName('欧阳娜娜')).toBe('欧**娜');
		expect(sniffType(Buffer.from(TINY_PNG, 'base64'))).toBe('image/png');
		expect(sniffType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
		expect(sniffType(Uint8Array.from([0x1a, 0x45, 0xdf, 0xa3]))).toBe('video/webm');
	});
});
