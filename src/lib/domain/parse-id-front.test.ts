import { describe, expect, it } from 'vitest';
import type { OcrLine } from './card-layout.ts';
import { parseIdFront } from './card-fields.ts';
import { idFrontLines } from './synthetic-lines.ts';

const FIELDS = {
	name: '张三丰',
	sex: '男' as const,
	ethnicity: '汉',
	birth: '1990-01-09',
	address: '北京市东城区东华门街道南池子大街甲12号院3楼2单元501室',
	idNumber: '110101199001090039'
};
const EXPECTED = FIELDS;
const L = (text: string, x: number, y: number, w: number, h = 36): OcrLine => ({
	text,
	box: [x, y, w, h],
	score: 0.9
});

describe('parseIdFront', () => {
	it('reads every field from clean OCR lines (three address lines)', () => {
		expect(parseIdFront(idFrontLines(FIELDS))).toEqual(EXPECTED);
	});
	it('does not depend on the order of the lines', () => {
		const lines = idFrontLines(FIELDS).reverse();
		expect(parseIdFront(lines)).toEqual(EXPECTED);
	});
	it('splits labels that OCR merged with their values', () => {
		const lines = [
			L('姓名张三丰', 75, 98, 220),
			L('性别男民族汉', 75, 158, 330),
			L('出生1990年1月9日', 75, 221, 330),
			L('住址北京市东城区东华门街道', 75, 284, 420),
			L('南池子大街甲12号', 180, 332, 300),
			L('公民身份号码110101199001090039', 73, 440, 700, 40)
		];
		expect(parseIdFront(lines)).toEqual({
			...FIELDS,
			address: '北京市东城区东华门街道南池子大街甲12号'
		});
	});
	it('places values whose labels were mis-read by the layout', () => {
		const lines = [
			L('娃名张三丰', 75, 98, 220), // 姓 mis-read
			L('牲剐男', 75, 158, 150), // both label characters wrong
			L('民旅汉', 266, 158, 150),
			L('出土1990年1月9日', 75, 221, 330),
			L('住扯北京市东城区', 75, 284, 330),
			L('公民身份号吗', 73, 444, 170, 30),
			L('110101199001090039', 290, 440, 380, 40)
		];
		expect(parseIdFront(lines)).toEqual({ ...FIELDS, address: '北京市东城区' });
	});
	it('joins a multi-line address in reading order', () => {
		const lines = [
			L('北京市朝阳区', 180, 284, 200),
			L('住址', 75, 287, 60, 30),
			L('3号楼', 180, 380, 100),
			L('建国路88号', 180, 332, 200)
		];
		expect(parseIdFront(lines).address).toBe('北京市朝阳区建国路88号3号楼');
	});
	it('fixes digit look-alikes, full-width digits and a lower-case x in the number', () => {
		const a = parseIdFront([L('1101O5l949l23lOO2x', 290, 440, 380, 40)]);
		expect(a.idNumber).toBe('11010519491231002X');
		const b = parseIdFront([L('１１０１０５１９４９１２３１００２Ｘ', 290, 440, 380, 40)]);
		expect(b.idNumber).toBe('11010519491231002X');
		const c = parseIdFront([L('11010519491231002×', 290, 440, 380, 40)]);
		expect(c.idNumber).toBe('11010519491231002X');
	});
	it('joins a number that OCR split into two boxes on one row', () => {
		const lines = [L('110101199', 290, 440, 190, 40), L('001090039', 485, 441, 190, 40)];
		expect(parseIdFront(lines).idNumber).toBe('110101199001090039');
	});
	it('still places unlabelled lines when the rectified card is shifted down', () => {
		const shifted = idFrontLines(FIELDS).map((l) => ({
			...l,
			box: [l.box[0], l.box[1] + 45, l.box[2], l.box[3]] as OcrLine['box']
		}));
		expect(parseIdFront(shifted)).toEqual(EXPECTED);
	});
	it('ignores text in the portrait area', () => {
		const lines = [...idFrontLines(FIELDS), L('样本', 620, 160, 80), L('2016', 600, 300, 80)];
		expect(parseIdFront(lines)).toEqual(EXPECTED);
	});
	it('normalises the ethnicity and keeps a middle dot in transliterated names', () => {
		const lines = idFrontLines({ ...FIELDS, name: '买买提•艾力', ethnicity: '維吾爾族' });
		expect(parseIdFront(lines)).toMatchObject({ name: '买买提·艾力', ethnicity: '维吾尔' });
	});
	it('keeps an unrecognisable ethnicity raw so the checks can flag it', () => {
		const lines = idFrontLines({ ...FIELDS, ethnicity: '穿青' });
		expect(parseIdFront(lines).ethnicity).toBe('穿青');
	});
	it('leaves out what it cannot read', () => {
		expect(parseIdFront([])).toEqual({});
		expect(parseIdFront([L('出生1990年13月9日', 75, 221, 330)])).toEqual({});
	});
});
