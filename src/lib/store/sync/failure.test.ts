import { describe, expect, it } from 'vitest';
import { classifyStatus } from './failure.ts';

describe('classifyStatus', () => {
	it('retries network trouble and server errors; parks conflicts and rejections', () => {
		const c = (status: number, online = true, body?: unknown) => {
			const f = classifyStatus(status, online, body);
			return [f.code, f.retryable];
		};
		expect(c(0, false)).toEqual(['offline', true]);
		expect(c(0)).toEqual(['server_unavailable', true]);
		expect(c(502)).toEqual(['server_unavailable', true]);
		expect(c(423)).toEqual(['server_unavailable', true]);
		expect(c(460)).toEqual(['checksum_mismatch', true]);
		expect(c(409)).toEqual(['conflict', false]);
		expect(c(422)).toEqual(['rejected', false]);
		expect(c(413)).toEqual(['rejected', false]);
		// a branch walk-in whose staff session expired waits for a sign-in, not for a person's review
		expect(c(401)).toEqual(['sign_in_required', false]);
		expect(c(422, true, { error: { details: { missingBlobs: ['ab'] } } })).toEqual([
			'blobs_missing',
			true
		]);
	});

	it('speaks both languages', () => {
		const f = classifyStatus(409, true);
		expect(f.zh).toMatch(/[\u4e00-\u9fff]/);
		expect(f.en).toMatch(/server/);
	});
});
