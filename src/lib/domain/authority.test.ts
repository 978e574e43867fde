import { describe, expect, it } from 'vitest';
import { authorityFor, authorityOfIdNumber, snapAuthority } from './authority.ts';
import { divisionInfo } from './divisions.ts';

describe('签发机关', () => {
	it('names a district’s branch bureau and a county’s own bureau', () => {
		expect(authorityFor(divisionInfo('500109')!)).toBe('重庆市公安局北碚分局');
		expect(authorityFor(divisionInfo('130123')!)).toBe('正定县公安局');
	});

	it('restores a rare character OCR dropped or misread', () => {
		expect(snapAuthority('北京市公安局东成分局')).toBe('北京市公安局东城分局');
		expect(authorityFor(divisionInfo('310115')!)).toBe('上海市公安局浦东分局');
	});

	it('uses the photo side’s address code when one name is as close as another', () => {
		// 北碚 and 江北 are both one insertion away.
		expect(snapAuthority('重庆市公安局北分局')).toBe('重庆市公安局北分局');
		const expected = authorityOfIdNumber('500109199001011234');
		expect(snapAuthority('重庆市公安局北分局', expected)).toBe('重庆市公安局北碚分局');
		// A reading far from the expected bureau is not forced onto it.
		expect(snapAuthority('正定县公安局', expected)).toBe('正定县公安局');
	});

	it('keeps a correct reading, and anything it cannot place with confidence', () => {
		expect(snapAuthority('正定县公安局')).toBe('正定县公安局');
		expect(snapAuthority('铁路公安处')).toBe('铁路公安处');
		// Two edits in a short name are too many to guess.
		expect(snapAuthority('正安公局')).toBe('正安公局');
	});
});
