import { describe, expect, it } from 'vitest';
import { reasonText, yuan } from './reasons.ts';

describe('decision reasons in words', () => {
	it('explains server codes in both languages', () => {
		expect(reasonText('registry:no_such_number').zh).toContain('未在公民身份信息系统中找到');
		expect(reasonText('face:low_score').en).toContain('manual review');
		expect(reasonText('witness:no_show').en).toBe('The video witness was not completed: no_show');
		expect(reasonText('processing:face_check_failed')).toEqual({
			zh: '申请材料处理未完成（face_check_failed），转人工审核',
			en: 'Processing the application did not finish (face_check_failed): passed to manual review'
		});
	});
	it('passes a reviewer’s own words through', () => {
		expect(reasonText('证件照片模糊')).toEqual({ zh: '证件照片模糊', en: '证件照片模糊' });
	});
	it('shows limits in yuan', () => {
		expect(yuan(1_000_000)).toBe('10,000');
		expect(yuan(20_000_000)).toBe('200,000');
	});
});
