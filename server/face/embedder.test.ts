import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realFaces, type Face } from '../../tests/fixtures/faces/pairs.ts';
import { FaceEmbedder } from './embedder.ts';

let embedder: FaceEmbedder;
let faces: Map<string, Face>;

beforeAll(async () => {
	embedder = await FaceEmbedder.open();
	const list = await realFaces(['franck_02045', 'franck_04035', 'grace_hopper']);
	faces = new Map(list.map((f) => [f.id, f]));
}, 120_000);
afterAll(() => embedder.close());

const input = (id: string) => {
	const f = faces.get(id);
	if (!f) throw new Error(`fixture ${id} missing`);
	return { image: f.image, landmarks: f.five };
};

describe('FaceEmbedder (onnxruntime-node)', () => {
	it('recomputes the comparison: same man matches, a different person does not', async () => {
		const same = await embedder.compare(input('franck_02045'), input('franck_04035'));
		expect(same.verdict).toBe('match');
		const other = await embedder.compare(input('franck_02045'), input('grace_hopper'));
		expect(other.verdict).toBe('no_match');
		expect(same.score - other.score).toBeGreaterThan(0.2);
	});

	it('serialises concurrent calls and returns unit vectors', async () => {
		const f = input('grace_hopper');
		const [a, b] = await Promise.all([
			embedder.embed(f.image, f.landmarks),
			embedder.embed(f.image, f.landmarks)
		]);
		expect(Math.hypot(...a)).toBeCloseTo(1, 5);
		expect(Array.from(a)).toEqual(Array.from(b));
	});
});
