import { describe, expect, it } from 'vitest';
import { buildDivisionTable, type DivisionSources } from './divisions.ts';

const src: DivisionSources = {
	provinces: [{ code: '62', name: '甘肃省' }],
	cities: [
		{ code: '6202', name: '嘉峪关市' },
		{ code: '1101', name: '市辖区' }
	],
	areas: [
		{ code: '620201', name: '嘉峪关市' },
		{ code: '130171', name: '石家庄高新技术产业开发区' },
		{ code: '110101', name: '东城区' }
	],
	gb2260: [
		{ '110000': '北京市', '110100': '市辖区', '110101': '东城区', '620200': '嘉峪关市' },
		{ '110100': '市辖区', '110101': '东城区', '110103': '崇文区', '620200': '嘉峪关市', '620201': '市辖区' }
	],
	idcardAreas: { '110101': { text: '市辖区' }, '320101': { text: '市辖区' } },
	idcardCities: { '3201': { text: '南京市' } },
	idcardProvinces: { '32': { text: '江苏省' } }
};
const table = buildDivisionTable(src, 'test');
const entries = (s: string) => s.split(',');

describe('buildDivisionTable', () => {
	it('maps the NBS 嘉峪关 code 620201 to the GB/T 2260 code 620200 and keeps 620201 historic', () => {
		expect(entries(table.current)).toContain('620200嘉峪关市');
		expect(entries(table.historic)).toContain('620201市辖区');
	});
	it('drops statistics-only development-zone codes ending 7x', () => {
		expect(table.current).not.toContain('130171');
		expect(table.historic).not.toContain('130171');
	});
	it('keeps codes from any snapshot or from idcard as historic, current names win', () => {
		expect(entries(table.historic)).toEqual(['110103崇文区', '320101市辖区', '620201市辖区']);
		expect(entries(table.current)).toContain('110101东城区');
	});
	it('omits placeholder city names and fills provinces from every source', () => {
		expect(entries(table.cities)).toEqual(['3201南京市', '6202嘉峪关市']);
		expect(entries(table.provinces)).toEqual(['11北京市', '32江苏省', '62甘肃省']);
	});
});
