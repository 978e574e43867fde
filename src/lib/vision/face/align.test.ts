import { describe, expect, it } from 'vitest';
import {
	alignFace,
	alignmentTemplate,
	applySimilarity,
	ARCFACE_TEMPLATE_112,
	estimateSimilarity,
	invertSimilarity,
	type FivePoints
} from './align.ts';

// Landmarks of a slightly rotated face in a 640×480 frame.
const FACE: FivePoints = [
	[310.2, 250.7],
	[402.9, 262.1],
	[351.4, 318.0],
	[318.8, 361.5],
	[391.0, 370.2]
];

describe('estimateSimilarity', () => {
	it('matches the Umeyama reference (numpy, as in skimage SimilarityTransform) to 1e-6', () => {
		// Golden numbers from an independent numpy implementation of Umeyama (1991) on the same points
		// with the 224-px template: [[a, -b, tx], [b, a, ty]].
		const t = estimateSimilarity(FACE, alignmentTemplate(224));
		expect(t.a).toBeCloseTo(0.74959775, 6);
		expect(t.b).toBeCloseTo(-0.045570027, 6);
		expect(t.tx).toBeCloseTo(-168.190571, 4);
		expect(t.ty).toBeCloseTo(-74.2767571, 4);
	});

	it('recovers a known rotation, scale and shift exactly, and inverts it', () => {
		const angle = Math.PI / 6;
		const truth = { a: 2 * Math.cos(angle), b: 2 * Math.sin(angle), tx: 10, ty: -20 };
		const moved = ARCFACE_TEMPLATE_112.map((p) => applySimilarity(truth, p));
		const t = estimateSimilarity(ARCFACE_TEMPLATE_112, moved);
		for (const k of ['a', 'b', 'tx', 'ty'] as const) expect(t[k]).toBeCloseTo(truth[k], 10);
		const back = applySimilarity(invertSimilarity(t), moved[2]!);
		expect(back[0]).toBeCloseTo(ARCFACE_TEMPLATE_112[2][0], 9);
		expect(back[1]).toBeCloseTo(ARCFACE_TEMPLATE_112[2][1], 9);
	});

	it('never mirrors: a mirrored face does not fit the template (no reflection allowed)', () => {
		const residual = (pts: FivePoints) => {
			const t = estimateSimilarity(pts, ARCFACE_TEMPLATE_112);
			return pts.reduce((sum, p, i) => {
				const [x, y] = applySimilarity(t, p);
				return sum + Math.hypot(x - ARCFACE_TEMPLATE_112[i]![0], y - ARCFACE_TEMPLATE_112[i]![1]);
			}, 0);
		};
		const mirrored = FACE.map(([x, y]) => [-x, y] as const) as unknown as FivePoints;
		expect(residual(FACE)).toBeLessThan(15);
		expect(residual(mirrored)).toBeGreaterThan(3 * residual(FACE));
	});

	it('rejects degenerate input', () => {
		expect(() => estimateSimilarity([[1, 1]], [[2, 2]])).toThrow(RangeError);
		expect(() => estimateSimilarity([[1, 1], [1, 1]], [[0, 0], [1, 1]])).toThrow(RangeError); // prettier-ignore
	});
});

describe('alignmentTemplate', () => {
	it('scales the 112-px template and adds padding around it', () => {
		expect(alignmentTemplate(224)[0]).toEqual([38.2946 * 2, 51.6963 * 2]);
		const padded = alignmentTemplate(100, 0.1);
		expect(padded[2][0]).toBeCloseTo(56.0252 * (80 / 112) + 10, 10);
	});
});

describe('alignFace', () => {
	it('samples a linear gradient where the landmarks map', () => {
		const width = 640;
		const height = 480;
		const data = new Uint8ClampedArray(width * height * 4);
		// R = x/4, G = y/4, B = 200: a near-linear image.
		for (let y = 0; y < height; y++)
			for (let x = 0; x < width; x++) {
				const o = (y * width + x) * 4;
				data[o] = Math.floor(x / 4);
				data[o + 1] = Math.floor(y / 4);
				data[o + 2] = 200;
			}
		const size = 112;
		const crop = alignFace({ width, height, data }, FACE, size);
		expect(crop.length).toBe(size * size * 3);
		const toImage = invertSimilarity(estimateSimilarity(FACE, ARCFACE_TEMPLATE_112));
		// The template's nose tip pixel comes from the face's nose region of the image.
		const [nx, ny] = [56, 71];
		const [sx, sy] = applySimilarity(toImage, [nx + 0.5, ny + 0.5]);
		const o = (ny * size + nx) * 3;
		// floor(x/4) is within 1 of x/4, so the sample is within 1 of the exact position's value.
		expect(Math.abs(crop[o]! - (sx - 0.5) / 4)).toBeLessThan(1);
		expect(Math.abs(crop[o + 1]! - (sy - 0.5) / 4)).toBeLessThan(1);
		expect(crop[o + 2]).toBe(200);
		expect(Math.abs(sx - FACE[2][0])).toBeLessThan(8); // least-squares fit residual on a ~90-px face
		expect(Math.abs(sy - FACE[2][1])).toBeLessThan(8);
	});
});
