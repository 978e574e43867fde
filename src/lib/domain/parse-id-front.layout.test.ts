/**
 * A differently spaced card (another printer's fonts and spacing, as recognised by the OCR
 * engine): the number printed just under the address, a tight three-line address, and the
 * 性别/民族 row read as one line or as boxes at other positions. Boxes are taken from real
 * recognitions of such cards.
 */
import { describe, expect, it } from 'vitest';
import type { OcrLine } from './card-layout.ts';
import { parseIdFront } from './card-fields.ts';

const L = (text: string, x: number, y: number, w: number, h = 33): OcrLine => ({
	text,
	box: [x, y, w, h],
	score: 0.9
});

const TOP = [
	L('姓名', 70, 89, 63, 32),
	L('潘鑫', 168, 88, 70, 34),
	L('性别', 70, 148, 64, 36),
	L('男', 173, 150, 25, 28),
	L('民族汉', 232, 148, 107, 34),
	L('出生', 71, 208, 60, 38),
	L('1988年8月14日', 168, 210, 167, 32)
];

describe('parseIdFront on a differently spaced card', () => {
	it('never joins the number printed just under the address to the address', () => {
		const lines = [
			...TOP,
			L('住址', 72, 272, 58, 35),
			L('山西省长治市长子县朝阳街', 157, 268, 300, 36),
			L('31号', 158, 302, 60, 34),
			// No 公民身份号码 label read; the number's centre is where the layout expects an address line.
			L('140428199007034124', 282, 338, 430, 32)
		];
		expect(parseIdFront(lines)).toMatchObject({
			address: '山西省长治市长子县朝阳街31号',
			idNumber: '140428199007034124'
		});
	});
	it('joins exactly the three lines of a tightly wrapped address, above a high number row', () => {
		const lines = [
			...TOP,
			L('住址', 72, 272, 58, 35),
			L('贵州省黔西南布依族苗族自治', 168, 270, 331, 37),
			L('州安龙县西湖镇建设村3组6', 169, 305, 307, 32),
			L('7号', 165, 338, 46, 33),
			L('公民身份号码', 70, 376, 160, 31),
			L('522328198808146970', 298, 372, 442, 32)
		];
		const f = parseIdFront(lines);
		expect(f.address).toBe('贵州省黔西南布依族苗族自治州安龙县西湖镇建设村3组67号');
		expect(f.idNumber).toBe('522328198808146970');
		expect(f.addressUnsure).toBeUndefined();
	});
	it('keeps the last address line that sits inside the layout’s number band', () => {
		const lines = [
			...TOP,
			L('住址', 72, 300, 58, 35),
			L('内蒙古自治区乌兰察布市兴和', 157, 298, 320, 36),
			L('县南岭镇兴业村4组80号', 157, 345, 280, 34),
			L('公民身份号码', 70, 476, 160, 31),
			L('150924197609101472', 290, 470, 430, 32)
		];
		expect(parseIdFront(lines).address).toBe('内蒙古自治区乌兰察布市兴和县南岭镇兴业村4组80号');
	});
	it('reads 性别 女 民族 汉 recognised as one line, with or without its labels read', () => {
		for (const text of ['性别 女  民族 汉', '牲别女 民族汉', '女   民族  汉']) {
			const x = text.startsWith('女') ? 160 : 74;
			const f = parseIdFront([L(text, x, 158, 330 - (x - 74), 36)]);
			expect(f, text).toMatchObject({ sex: '女', ethnicity: '汉' });
		}
	});
	it('reads sex and ethnicity as four boxes at other spacings', () => {
		for (const [ex, vx] of [
			[240, 322],
			[300, 400],
			[230, 300]
		] as const) {
			const lines = [
				L('性别', 70, 143, 60, 35),
				L('女', 162, 144, 28, 29),
				L('民族', ex, 142, 72, 36),
				L('汉', vx, 145, 41, 27)
			];
			expect(parseIdFront(lines), `${ex}/${vx}`).toMatchObject({ sex: '女', ethnicity: '汉' });
		}
	});
	it('corrects a mis-read county to the number’s region and flags what it cannot settle', () => {
		const front = (address: string, id: string) =>
			parseIdFront([
				L('住址', 72, 272, 58, 35),
				L(address, 157, 268, 330, 36),
				L('公民身份号码', 70, 440, 160, 31),
				L(id, 290, 436, 430, 32)
			]);
		expect(front('河南省周口市太康具城关镇1号', '411627197801267808')).toMatchObject({
			address: '河南省周口市太康县城关镇1号'
		});
		const unsure = front('广东省韶关市淡江区向阳大街285号', '440204196311256624');
		expect(unsure).toMatchObject({
			address: '广东省韶关市淡江区向阳大街285号',
			addressUnsure: true
		});
	});
});

describe('parseIdFront: the sex value merged with the 民族 label', () => {
	it('reads 女民族汉 in one box right of a lone 性别 label', () => {
		for (const x of [165, 200, 230]) {
			const lines = [L('性别', 70, 143, 60, 35), L('女民族汉', x, 144, 150, 32)];
			expect(parseIdFront(lines), String(x)).toMatchObject({ sex: '女', ethnicity: '汉' });
		}
	});
});
