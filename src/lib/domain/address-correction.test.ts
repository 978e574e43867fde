import { describe, expect, it } from 'vitest';
import { correctAddress, editDistance } from './address-correction.ts';

describe('editDistance', () => {
	it('counts substitutions, insertions and deletions', () => {
		expect(editDistance('谢翠县', '太康县')).toBe(2);
		expect(editDistance('太康具', '太康县')).toBe(1);
		expect(editDistance('太县', '太康县')).toBe(1);
		expect(editDistance('', '县')).toBe(1);
	});
});

describe('correctAddress', () => {
	it('keeps an address whose division names match the region', () => {
		expect(correctAddress('河南省周口市太康县城关镇1号', '411627')).toEqual({
			address: '河南省周口市太康县城关镇1号',
			fixes: [],
			confident: true
		});
	});
	it('fixes a mis-read county when only the region’s county fits', () => {
		const c = correctAddress('河南省周口市太康具城关镇1号', '411627');
		expect(c.address).toBe('河南省周口市太康县城关镇1号');
		expect(c.fixes).toEqual([{ from: '太康具', to: '太康县' }]);
		expect(c.confident).toBe(true);
	});
	it('fixes a mis-read province and a long prefecture name', () => {
		expect(correctAddress('新德维吾尔自治区乌鲁木齐市天山区解放路1号', '650102').address).toBe(
			'新疆维吾尔自治区乌鲁木齐市天山区解放路1号'
		);
		expect(correctAddress('青海省海西蒙古族藏族自治洲格尔木市团结路7号', '632801').address).toBe(
			'青海省海西蒙古族藏族自治州格尔木市团结路7号'
		);
	});
	it('restores a character OCR dropped from a name', () => {
		expect(correctAddress('青海省海西蒙古族藏族自州格尔木市团结路7号', '632801').address).toBe(
			'青海省海西蒙古族藏族自治州格尔木市团结路7号'
		);
	});
	it('keeps a neighbouring county read exactly (the holder moved)', () => {
		const c = correctAddress('广东省韶关市武江区向阳大街285号', '440204');
		expect(c).toMatchObject({ address: '广东省韶关市武江区向阳大街285号', confident: true });
	});
	it('leaves a name several counties fit and flags it', () => {
		// 淡江区 is one character from 浈江区 (the region), 武江区 and 曲江区.
		const c = correctAddress('广东省韶关市淡江区向阳大街285号', '440204');
		expect(c).toEqual({ address: '广东省韶关市淡江区向阳大街285号', fixes: [], confident: false });
	});
	it('leaves a county too far from every candidate and flags it', () => {
		const c = correctAddress('河南省周口市谢翠县城关镇1号', '411627');
		expect(c).toMatchObject({ address: '河南省周口市谢翠县城关镇1号', confident: false });
	});
	it('flags an unknown region code', () => {
		expect(correctAddress('北京市东城区1号', '999999').confident).toBe(false);
	});
});
