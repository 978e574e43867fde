import { describe, expect, it } from 'vitest';
import { parseIdBack } from './parse-id-back.ts';
import { repairPeriod } from './period-repair.ts';

describe('repairPeriod', () => {
	it('takes month and day from the possible date when the other is impossible', () => {
		expect(repairPeriod('2010.19.13-2030.10.13')).toEqual({ from: '2010-10-13', to: '2030-10-13' });
		expect(repairPeriod('2010.10.13-2030.10.43')).toEqual({ from: '2010-10-13', to: '2030-10-13' });
	});

	it('settles a year no term reaches by the holder’s age at issue', () => {
		// Born 1975: 35 at issue in 2010, a 20-year card. Without the birth date 2980 is too far off.
		expect(repairPeriod('2010.19.13-2980.10.13', '1975-04-02')).toEqual({
			from: '2010-10-13',
			to: '2030-10-13'
		});
		expect(repairPeriod('2010.19.13-2980.10.13')).toBeUndefined();
	});

	it('never chooses between two possible readings', () => {
		expect(repairPeriod('2007.03.08-2027.03.06')).toBeUndefined();
		// Ambiguous without a term: 2010+10 and 2010+20 are each one digit from 2025.
		expect(repairPeriod('2010.19.13-2025.10.13')).toBeUndefined();
	});

	it('needs exactly two dates', () => {
		expect(repairPeriod('2010.19.13')).toBeUndefined();
		expect(repairPeriod('2010.19.13-2030.10.13-2030.10.13')).toBeUndefined();
	});

	it('settles the emblem side read on the cards2 dev bench (golden lines)', () => {
		const lines = [
			{ text: '中华人民共和国', box: [290, 75, 400, 58], score: 0.99 },
			{ text: '居民身份证', box: [280, 171, 440, 72], score: 0.99 },
			{ text: '签发机关青易市公安局城您分局', box: [204, 376, 560, 46], score: 0.8 },
			{ text: '有效2010.19.13-2980.10.13', box: [204, 442, 540, 44], score: 0.8 }
		] satisfies Parameters<typeof parseIdBack>[0];
		// 370214198111127389: born 1981-11-12, 28 at issue → 20 years.
		expect(parseIdBack(lines, '370214198111127389')).toMatchObject({
			validFrom: '2010-10-13',
			validTo: '2030-10-13'
		});
	});
});
