import { describe, expect, it } from 'vitest';
import { idFrontLines } from '../../src/lib/domain/synthetic-lines.ts';
import type { CardTruth } from '../../tests/fixtures/cards/generate.ts';
import { cardIdentity, CARD_TODAY } from '../../tests/fixtures/cards/identity.ts';
import { expectedFields, scoreFields } from './fields.ts';

const identity = cardIdentity(5);
const truth = (kind: CardTruth['kind']): CardTruth => ({
	file: 'x.jpg',
	kind,
	seed: 5,
	identity,
	runs: []
});

describe('OCR bench field scoring', () => {
	it('expects each side’s own fields in the CLI formats', () => {
		expect(Object.keys(expectedFields(truth('id-front')))).toEqual([
			'name',
			'sex',
			'ethnicity',
			'birth',
			'address',
			'idNumber'
		]);
		expect(expectedFields(truth('id-back')).validTo).toBe(identity.validTo);
		expect(expectedFields(truth('bank'))).toEqual({
			cardNumber: identity.cardNumber,
			bank: identity.bank
		});
	});

	it('scores parsed fields, so a mis-read character counts against its field only', () => {
		const lines = idFrontLines(identity);
		expect(scoreFields(truth('id-front'), lines, CARD_TODAY).outcomes.every((o) => o.ok)).toBe(
			true
		);
		const wrong = lines.map((l) =>
			l.text === identity.name ? { ...l, text: `${identity.name}某` } : l
		);
		const r = scoreFields(truth('id-front'), wrong, CARD_TODAY);
		expect(r.kind).toBe('id-front');
		expect(r.outcomes.filter((o) => !o.ok).map((o) => o.field)).toEqual(['name']);
	});
});
