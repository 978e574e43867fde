import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaceComparator } from '../registry/face.ts';
import type { Storage } from '../storage/index.ts';
import { backends } from '../storage/test-databases.ts';
import { harness, TINY_PNG, type Harness } from '../testing/harness.ts';

/** A whole 2×2 PNG whose pixels all have red value `red` (the server refuses malformed photos). */
const png = (red: number) => {
	const p = new PNG({ width: 2, height: 2 });
	p.data.fill(255);
	for (let i = 0; i < 4; i++) p.data[i * 4] = red;
	return PNG.sync.write(p);
};
/** Fake comparator: live frames of red value 1 match (0.9), anything else scores 0.2. */
const fakeFaces: FaceComparator = {
	threshold: 0.6,
	compare: async (live) => ({
		kind: 'score',
		score: Buffer.from(live).equals(png(1)) ? 0.9 : 0.2
	})
};
const b64 = (red: number) => png(red).toString('base64');

describe.each(backends())('face score recomputed at submission on $kind', ({ open }) => {
	let storage: Storage;
	let h: Harness;
	let bare: Harness;
	beforeAll(async () => {
		storage = await open();
		h = await harness(storage, { faceComparator: fakeFaces });
		bare = await harness(storage, {}, 'bare');
	});
	afterAll(async () => storage.close());

	const submit = async (hh: Harness, i: number, extra: Record<string, unknown>) => {
		const a = await hh.newApplication();
		const res = await hh.customerCall(
			a.token,
			'POST',
			`/api/applications/${a.id}/submit`,
			hh.submission(i, extra),
			{
				'idempotency-key': `face-${a.id}`
			}
		);
		// The face re-check runs in the submission's job: answered `submitted`, then settled.
		expect(await res.json()).toMatchObject({ state: 'submitted' });
		return { a, body: await hh.settle(a.id) };
	};

	it('a matching face with an honest client score passes, and the server score is stored', async () => {
		const { a, body } = await submit(h, 0, {
			livePhoto: b64(1),
			idPortrait: TINY_PNG,
			faceScore: 0.88
		});
		expect(body.state).toBe('witness_pending');
		const row = await storage.db
			.selectFrom('applications')
			.select('face_score')
			.where('id', '=', a.id)
			.executeTakeFirstOrThrow();
		expect(row.face_score).toBeCloseTo(0.9);
		const kinds = await storage.db
			.selectFrom('app_files')
			.select('kind')
			.where('application_id', '=', a.id)
			.execute();
		expect(kinds.filter((k) => k.kind === 'face_image')).toHaveLength(2);
	});

	it('a client claiming a high score for a different face goes to manual review', async () => {
		const { body } = await submit(h, 1, {
			livePhoto: b64(2),
			idPortrait: TINY_PNG,
			faceScore: 0.95
		});
		expect(body).toMatchObject({ state: 'manual_review', reason: 'face:client_score_mismatch' });
	});

	it('a low server score goes to manual review', async () => {
		const { body } = await submit(h, 2, { livePhoto: b64(2), idPortrait: TINY_PNG });
		expect(body).toMatchObject({ state: 'manual_review', reason: 'face:low_score' });
	});

	it('without a server-side comparator, photos go to a human', async () => {
		const { body } = await submit(bare, 3, {
			livePhoto: b64(1),
			idPortrait: TINY_PNG,
			faceScore: 0.9
		});
		expect(body).toMatchObject({ state: 'manual_review', reason: 'face:no_server_comparator' });
	});
});
