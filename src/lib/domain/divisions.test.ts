import { describe, expect, it } from 'vitest';
import {
	cityName,
	currentDivisionCodes,
	divisionInfo,
	divisionStatus,
	provinceName
} from './divisions.ts';

describe('division codes', () => {
	it('knows current codes', () => {
		expect(divisionStatus('110101')).toBe('current');
		expect(divisionInfo('110105')).toEqual({
			code: '110105',
			status: 'current',
			province: '北京市',
			city: undefined,
			county: '朝阳区'
		});
		expect(divisionInfo('320102')).toMatchObject({
			province: '江苏省',
			city: '南京市',
			county: '玄武区'
		});
	});
	it('keeps historic codes that ID numbers still carry', () => {
		// 崇文区 and 宣武区 were merged into 东城/西城 in 2010.
		expect(divisionInfo('110103')).toMatchObject({ status: 'historic', county: '崇文区' });
		expect(divisionStatus('110104')).toBe('historic');
		// 市辖区 codes from before 2002 (idcard's list since 1980).
		expect(divisionStatus('320101')).toBe('historic');
	});
	it('handles the 嘉峪关 pitfall: 620200 is current, 620201 only historic', () => {
		expect(divisionInfo('620200')).toMatchObject({
			status: 'current',
			county: '嘉峪关市',
			province: '甘肃省'
		});
		expect(divisionStatus('620201')).toBe('historic');
	});
	it('treats cities without counties as address codes (东莞 441900, 中山 442000)', () => {
		expect(divisionInfo('441900')).toMatchObject({
			status: 'current',
			city: '东莞市',
			county: '东莞市'
		});
		expect(divisionStatus('442000')).toBe('current');
	});
	it('rejects statistics-only development-zone codes ending 7x', () => {
		expect(divisionStatus('130171')).toBe('unknown');
		expect(currentDivisionCodes().filter((c) => /7\d$/.test(c))).toEqual([]);
	});
	it('rejects codes that never existed', () => {
		expect(divisionStatus('110199')).toBe('unknown');
		expect(divisionStatus('990101')).toBe('unknown');
		expect(divisionStatus('110100')).toBe('unknown');
		expect(divisionInfo('000000')).toBeUndefined();
	});
	it('names provinces and cities', () => {
		expect(provinceName('650102')).toBe('新疆维吾尔自治区');
		expect(cityName('440304')).toBe('深圳市');
		expect(cityName('110105')).toBeUndefined();
	});
	it('has the expected size', () => {
		const n = currentDivisionCodes().length;
		expect(n).toBeGreaterThan(2800);
		expect(n).toBeLessThan(2978);
	});
});
