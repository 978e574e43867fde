import { describe, expect, it } from 'vitest';
import { buildIdNumber } from '$lib/domain/id-number.ts';
import { ageEligibility } from './eligibility.ts';

const NOW = new Date('2026-11-23T04:00:00Z');
const id = (birth: string) => buildIdNumber('110105', birth, 123);

describe('age 18–70 from the ID number', () => {
	it('accepts 18 on the birthday and 70 until the day before the 71st', () => {
		expect(ageEligibility(id('2008-11-23'), NOW)).toEqual({ ok: true, age: 18 });
		expect(ageEligibility(id('1955-11-24'), NOW)).toEqual({ ok: true, age: 70 });
	});
	it('turns away 17 and 71 with the age, for the branch explanation', () => {
		expect(ageEligibility(id('2008-11-24'), NOW)).toEqual({
			ok: false,
			code: 'too_young',
			age: 17
		});
		expect(ageEligibility(id('1955-11-23'), NOW)).toEqual({ ok: false, code: 'too_old', age: 71 });
	});
	it('reports an invalid number instead of an age', () => {
		expect(ageEligibility('110105200811230120', NOW)).toMatchObject({
			ok: false,
			code: 'id_checksum'
		});
		expect(ageEligibility('12345', NOW)).toMatchObject({ ok: false, code: 'id_format' });
	});
});
