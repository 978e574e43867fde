import { describe, expect, it } from 'vitest';
import { Throttle } from './throttle.ts';

describe('Throttle', () => {
	it('blocks after the limit within the window and releases when the oldest failure ages out', () => {
		let now = 0;
		const t = new Throttle(3, 1000, () => now);
		for (const at of [0, 100, 200]) {
			now = at;
			expect(t.blocked('k')).toBe(0);
			t.fail('k');
		}
		expect(t.blocked('k')).toBe(800);
		expect(t.blocked('other')).toBe(0);
		now = 1001;
		expect(t.blocked('k')).toBe(0);
		t.fail('k');
		expect(t.blocked('k')).toBeGreaterThan(0);
		t.reset('k');
		expect(t.blocked('k')).toBe(0);
	});
});
