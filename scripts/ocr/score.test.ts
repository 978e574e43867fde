import { describe, expect, it } from 'vitest';
import type { CardTruth } from '../../tests/fixtures/cards/generate.ts';
import { fieldRead, printedFields, runsRead } from './score.ts';

const identity = {
	name: '孙浩',
	sex: '女' as const,
	ethnicity: '蒙古',
	birth: '1990-11-01',
	address: '河北省石家庄市长安区建设北大街342号',
	idNumber: '13010219901101342X',
	authority: '石家庄市公安局长安分局',
	validFrom: '2021-10-28',
	validTo: '长期',
	cardNumber: '6217003582383111885',
	bank: '中国建设银行'
};
const truth = (kind: CardTruth['kind']): CardTruth => ({
	file: 'x.jpg',
	kind,
	seed: 1,
	identity,
	runs: [
		{ text: '姓名', box: [0, 0, 0, 0] },
		{ text: '孙浩', field: 'name', box: [0, 0, 0, 0] }
	]
});

describe('OCR bench scoring', () => {
	it('prints dates the way the card does', () => {
		expect(printedFields(truth('id-front')).birth).toBe('1990年11月1日');
		expect(printedFields(truth('id-back')).validTo).toBe('2021.10.28-长期');
	});

	it('joins a multi-line address in reading order and ignores spaces', () => {
		const lines = ['住址', '河北省石家庄市长安区建', '设北大街 342号'];
		expect(fieldRead('address', identity.address, lines)).toBe(true);
		expect(
			fieldRead('address', identity.address, ['河北省石家庄市长安区建', '设北大街842号'])
		).toBe(false);
	});

	it('demands a card number line with exactly the digits', () => {
		expect(fieldRead('cardNumber', identity.cardNumber, ['6217 0035 8238 3111 885'])).toBe(true);
		expect(fieldRead('cardNumber', identity.cardNumber, ['6217 0035 8238 3111 88'])).toBe(false);
	});

	it('does not accept a one-character value found inside another word', () => {
		expect(fieldRead('sex', '女', ['妇女节'])).toBe(false);
		expect(fieldRead('sex', '女', ['性别女'])).toBe(true);
	});

	it('counts printed runs read', () => {
		expect(runsRead(truth('id-front'), ['姓名 孙浩'])).toEqual({ total: 2, read: 2 });
		expect(runsRead(truth('id-front'), ['姓名'])).toEqual({ total: 2, read: 1 });
	});
});
