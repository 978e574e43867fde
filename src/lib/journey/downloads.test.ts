import { describe, expect, it } from 'vitest';
import manifest from '../../../static/models/manifest.json';
import { stepAssets, totalBytes } from './downloads.ts';

describe('per-step download budget from the model manifest', () => {
	it('the card steps need the OCR models, not opencv.js nor the face models', () => {
		const ids = stepAssets('id').map((a) => a.id);
		expect(ids.some((i) => i.startsWith('opencv'))).toBe(false);
		expect(stepAssets('id').some((a) => a.path.startsWith('/wasm/opencv/'))).toBe(false);
		expect(ids).toContain('ocr-det-ppocrv4-int8');
		expect(ids.some((i) => i.startsWith('face-') || i.startsWith('mediapipe-'))).toBe(false);
	});
	it('the liveness step needs MediaPipe and the face embedder', () => {
		const ids = stepAssets('liveness').map((a) => a.id);
		expect(ids).toContain('mediapipe-vision-wasm');
		expect(ids).toContain('face-embed-faceres');
	});
	it('steps without on-device vision download nothing, and byte totals add up', () => {
		expect(stepAssets('kyc')).toEqual([]);
		const id = stepAssets('id');
		expect(totalBytes(id)).toBe(
			manifest.assets.filter((a) => id.some((b) => b.id === a.id)).reduce((n, a) => n + a.bytes, 0)
		);
		expect(totalBytes(id)).toBeGreaterThan(1_000_000);
	});
});
