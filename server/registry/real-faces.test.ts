/**
 * Photo modes and the submission's face recomputation with the production comparator (BlazeFace +
 * faceres on onnxruntime-node) on real photos: the registry holds one man's portrait; live photos
 * of him, of another person, of no face and a blurred one give each photo result code.
 */
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { facePhotos } from '../../tests/fixtures/faces/photos.ts';
import { OnnxFaceComparator } from '../face/comparator.ts';
import { decodePhoto } from '../face/decode.ts';
import type { Storage } from '../storage/index.ts';
import { backends } from '../storage/test-databases.ts';
import { harness, type Harness, type Session } from '../testing/harness.ts';
import { seedCitizens } from './embedded.ts';
import { makeIdNumber } from './synthetic.ts';

let faces: OnnxFaceComparator;
const photo = new Map<string, Buffer>();
beforeAll(async () => {
	faces = await OnnxFaceComparator.open();
	for (const p of facePhotos()) photo.set(p.id, readFileSync(p.file));
}, 120_000);
afterAll(() => faces.close());

const b64 = (id: string) => photo.get(id)!.toString('base64');
function blurred(id: string): string {
	const d = decodePhoto(photo.get(id)!);
	if (!d.ok) throw new Error(id);
	const { width: w, height: h, data } = d.image;
	const out = Buffer.alloc(data.length);
	const r = 8;
	for (let y = 0; y < h; y++)
		for (let x = 0; x < w; x++)
			for (let c = 0; c < 4; c++) {
				let s = 0;
				let n = 0;
				for (let dy = -r; dy <= r; dy += 2)
					for (let dx = -r; dx <= r; dx += 2) {
						const yy = Math.min(h - 1, Math.max(0, y + dy));
						const xx = Math.min(w - 1, Math.max(0, x + dx));
						s += data[(yy * w + xx) * 4 + c]!;
						n++;
					}
				out[(y * w + x) * 4 + c] = s / n;
			}
	return Buffer.from(jpeg.encode({ width: w, height: h, data: out }, 85).data).toString('base64');
}
function wall(): string {
	const png = new PNG({ width: 200, height: 150 });
	for (let i = 0; i < 200 * 150; i++) png.data.set([200, 180, (i * 7) % 256, 255], i * 4);
	return PNG.sync.write(png).toString('base64');
}

// Face analysis does not depend on the database (registry storage runs on both in
// registry.test.ts), so these slower real-photo checks run on the first backend only.
describe.each(backends().slice(0, 1))(
	'registry photo modes with real faces on $kind',
	({ open }) => {
		let storage: Storage;
		let h: Harness;
		let agent: Session;
		const franck = {
			name: '陈弗朗',
			idNumber: makeIdNumber('110105', '19800101', 771),
			validFrom: '2020-01-01',
			validTo: '2040-01-01'
		};
		beforeAll(async () => {
			storage = await open();
			h = await harness(storage, { faceComparator: faces }, 'rf');
			await seedCitizens(
				storage.db,
				h.cipher,
				[{ ...franck, portrait: photo.get('franck_04035')! }],
				new Date()
			);
			agent = await h.login('rfagent1');
		});
		afterAll(async () => storage.close());

		const verify = async (mode: 2 | 4, live: string) => {
			const res = await h.staffCall(agent, 'POST', '/api/registry/verify', {
				mode,
				name: franck.name,
				idNumber: franck.idNumber,
				validFrom: franck.validFrom,
				validTo: franck.validTo,
				photo: live
			});
			expect(res.status).toBe(200);
			return (await res.json()) as { code: string; route: string; score?: number };
		};

		it('mode 2 and 4: same man, another person, no face, blurred face', async () => {
			const same = await verify(2, b64('franck_02045'));
			expect(same).toMatchObject({ code: 'same_person', route: 'pass' });
			expect(same.score).toBeGreaterThan(faces.threshold);
			expect(await verify(4, b64('franck_03909'))).toMatchObject({ code: 'same_person' });
			expect(await verify(2, b64('grace_hopper'))).toMatchObject({ code: 'different_person' });
			expect(await verify(4, wall())).toMatchObject({ code: 'no_face_detected', route: 'manual' });
			expect(await verify(2, blurred('franck_02045'))).toMatchObject({
				code: 'photo_quality_poor',
				route: 'manual'
			});
		});

		it('submission recomputes the face score and keeps the device score beside it', async () => {
			const submit = async (live: string, clientScore: number) => {
				const a = await h.newApplication();
				const res = await h.customerCall(
					a.token,
					'POST',
					`/api/applications/${a.id}/submit`,
					h.submission(2, {
						livePhoto: live,
						idPortrait: b64('franck_04035'),
						faceScore: clientScore
					}),
					{ 'idempotency-key': `rf-${a.id}` }
				);
				expect(await res.json()).toMatchObject({ state: 'submitted' });
				const body = await h.settle(a.id);
				const row = await storage.db
					.selectFrom('applications')
					.select(['face_score', 'client_face_score'])
					.where('id', '=', a.id)
					.executeTakeFirstOrThrow();
				return { body, row };
			};
			const honest = await submit(b64('franck_02045'), 0.8);
			expect(honest.body.state).toBe('witness_pending');
			expect(honest.row.face_score).toBeGreaterThan(faces.threshold);
			expect(honest.row.client_face_score).toBe(0.8);
			// A device claiming a match for someone else's face: the server's own score decides.
			const lying = await submit(b64('grace_hopper'), 0.95);
			expect(lying.body).toMatchObject({
				state: 'manual_review',
				reason: 'face:client_score_mismatch'
			});
			expect(lying.row.face_score).toBeLessThan(faces.threshold);
			expect(lying.row.client_face_score).toBe(0.95);
			const noFace = await submit(wall(), 0.9);
			expect(noFace.body).toMatchObject({ state: 'manual_review', reason: 'face:no_face' });
			expect(noFace.row.face_score).toBeNull();
		});
	}
);
