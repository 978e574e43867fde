import { describe, expect, it } from 'vitest';
import { isBookableSlot, WITNESS_REASONS } from './witness.ts';

describe('witness vocabulary', () => {
	const now = new Date('2026-01-01T08:00:00Z');
	it('slots are bookable from now to 24 h ahead only', () => {
		expect(isBookableSlot(new Date('2026-01-01T09:00:00Z'), now)).toBe(true);
		expect(isBookableSlot(new Date('2026-01-02T08:00:00Z'), now)).toBe(true);
		expect(isBookableSlot(new Date('2026-01-02T08:00:01Z'), now)).toBe(false);
		expect(isBookableSlot(new Date('2026-01-01T07:58:00Z'), now)).toBe(false);
	});
	it('reason codes are unique across decisions', () => {
		const all = Object.values(WITNESS_REASONS).flat();
		expect(new Set(all).size).toBe(all.length);
	});
});
