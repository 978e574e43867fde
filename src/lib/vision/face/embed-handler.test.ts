import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL, realFaces, type Face } from '../../../../tests/fixtures/faces/pairs.ts';
import type { FivePoints } from './align.ts';
import { compareEmbeddings } from './embed-client.ts';
import { createEmbedHandler, type EmbedRunner } from './embed-handler.ts';

let session: ort.InferenceSession;
let faces: Face[];
const runner: EmbedRunner = async (input, dims) => {
	const out = await session.run({ input: new ort.Tensor('float32', input, [...dims]) });
	return out['embedding']!.data as Float32Array;
};
const noBitmaps = () => {
	throw new Error('no ImageBitmap in Node');
};

beforeAll(async () => {
	session = await ort.InferenceSession.create(MODEL);
	faces = await realFaces(['franck_01829', 'franck_04117', 'astronaut']);
}, 120_000);
afterAll(() => session.release());

describe('embedding worker logic (onnxruntime-node in place of onnxruntime-web)', () => {
	it('embeds real faces to unit vectors that match the same man and reject another person', async () => {
		const handle = createEmbedHandler(async () => runner, noBitmaps);
		const out = [];
		for (const f of faces) {
			const r = await handle({ type: 'embed', image: f.image, landmarks: f.five });
			if (r.type !== 'embedding') throw new Error(r.type);
			expect(Math.hypot(...r.embedding)).toBeCloseTo(1, 5);
			out.push(r.embedding);
		}
		expect(compareEmbeddings(out[0]!, out[1]!).verdict).toBe('match');
		expect(compareEmbeddings(out[0]!, out[2]!).verdict).toBe('no_match');
	});

	it('rejects bad pixels and bad landmarks with bad_input', async () => {
		const handle = createEmbedHandler(async () => runner, noBitmaps);
		const image = { width: 4, height: 4, data: new Uint8Array(10) };
		const five = faces[0]!.five;
		await expect(handle({ type: 'embed', image, landmarks: five })).rejects.toMatchObject({
			code: 'bad_input'
		});
		const nan = [...five.slice(0, 4), [NaN, 1]] as unknown as FivePoints;
		await expect(handle({ type: 'embed', image: faces[0]!.image, landmarks: nan })).rejects.toMatchObject({ code: 'bad_input' }); // prettier-ignore
	});

	it('reports model_load_failed, and loads on the next call once the model is there', async () => {
		let attempts = 0;
		const handle = createEmbedHandler(async () => {
			if (++attempts === 1) throw new Error('HTTP 404');
			return runner;
		}, noBitmaps);
		await expect(handle({ type: 'load' })).rejects.toMatchObject({ code: 'model_load_failed' });
		await expect(handle({ type: 'load' })).resolves.toMatchObject({ type: 'loaded' });
	});
});
