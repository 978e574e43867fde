import { describe, expect, it } from 'vitest';
import { ETHNICITIES, isEthnicity, normaliseEthnicity } from './ethnicity.ts';

describe('ethnicity', () => {
	it('lists the 56 recognised groups once each, without 族', () => {
		expect(ETHNICITIES).toHaveLength(56);
		expect(new Set(ETHNICITIES).size).toBe(56);
		expect(ETHNICITIES.some((e) => e.endsWith('族'))).toBe(false);
		expect(ETHNICITIES[0]).toBe('汉');
		expect(ETHNICITIES.at(-1)).toBe('基诺');
	});
	it('accepts the names printed on the card', () => {
		for (const e of ['汉', '蒙古', '回', '藏', '维吾尔', '高山', '柯尔克孜', '乌孜别克']) {
			expect(isEthnicity(e)).toBe(true);
			expect(normaliseEthnicity(e)).toBe(e);
		}
	});
	it('normalises 族 suffixes, labels, spaces and traditional characters', () => {
		expect(normaliseEthnicity('汉族')).toBe('汉');
		expect(normaliseEthnicity('民族 蒙古')).toBe('蒙古');
		expect(normaliseEthnicity('民族：回')).toBe('回');
		expect(normaliseEthnicity('漢')).toBe('汉');
		expect(normaliseEthnicity('維吾爾族')).toBe('维吾尔');
		expect(normaliseEthnicity('畬')).toBe('畲');
	});
	it('fixes one wrong character in a longer name when only one name fits', () => {
		expect(normaliseEthnicity('维吾示')).toBe('维吾尔');
		expect(normaliseEthnicity('柯尔克孔')).toBe('柯尔克孜');
		expect(normaliseEthnicity('蒙占')).toBe('蒙古');
	});
	it('refuses guesses that are ambiguous or not a group', () => {
		expect(normaliseEthnicity('布衣')).toBeUndefined(); // 布依 or 布朗
		expect(normaliseEthnicity('穿青')).toBeUndefined(); // not one of the 56
		expect(normaliseEthnicity('口')).toBeUndefined();
		expect(normaliseEthnicity('')).toBeUndefined();
		expect(normaliseEthnicity('族')).toBeUndefined();
	});
});
