import { describe, expect, it } from 'vitest';
import { MODEL_ASSETS, stepsOf } from './constants.ts';

describe('offline step assets', () => {
	it('leaves the lazily loaded digit recogniser out of the card and face downloads', () => {
		expect(stepsOf('/wasm/pocketsphinx/pocketsphinx.wasm')).toEqual([]);
		expect(stepsOf('/models/speech/zh/mdef')).toEqual([]);
		expect(MODEL_ASSETS.some((a) => /speech|pocketsphinx/.test(a.path))).toBe(false);
		expect(stepsOf('/models/face/faceres.onnx')).toEqual(['face']);
	});
});
