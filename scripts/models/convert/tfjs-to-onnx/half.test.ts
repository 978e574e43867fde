import { describe, expect, it } from 'vitest';
import { floatToHalf, halfToFloat } from './half.ts';

describe('binary16', () => {
	it('encodes known values bit-exactly (IEEE 754)', () => {
		expect(floatToHalf(1)).toBe(0x3c00);
		expect(floatToHalf(-2)).toBe(0xc000);
		expect(floatToHalf(65504)).toBe(0x7bff); // largest finite
		expect(floatToHalf(1e6)).toBe(0x7c00); // overflow → +∞
		expect(floatToHalf(2 ** -24)).toBe(0x0001); // smallest subnormal
		expect(floatToHalf(0.1)).toBe(0x2e66);
		expect(Number.isNaN(halfToFloat(floatToHalf(NaN)))).toBe(true);
	});

	it('rounds to nearest even and round-trips every half value', () => {
		expect(floatToHalf(1 + 2 ** -11)).toBe(0x3c00); // tie → even mantissa
		expect(floatToHalf(1 + 3 * 2 ** -11)).toBe(0x3c02);
		for (let h = 0; h < 0x10000; h++) {
			if ((h & 0x7c00) === 0x7c00 && h & 0x3ff) continue; // NaNs
			expect(floatToHalf(halfToFloat(h))).toBe(h === 0x8000 ? 0x8000 : h);
		}
	});
});
