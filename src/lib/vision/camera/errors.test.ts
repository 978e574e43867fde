import { describe, expect, it } from 'vitest';
import { cameraProblem } from './errors.ts';

describe('cameraProblem', () => {
	it.each([
		['NotAllowedError', 'permission_denied'],
		['NotFoundError', 'no_camera'],
		['OverconstrainedError', 'no_camera'],
		['NotReadableError', 'camera_busy'],
		['TypeError', 'unknown']
	])('maps %s to %s with both languages', (name, code) => {
		const p = cameraProblem(Object.assign(new Error('x'), { name }));
		expect(p.code).toBe(code);
		expect(p.zh).toMatch(/[\u4e00-\u9fff]/);
		expect(p.en).toMatch(/[a-z]/);
	});
});
