import { describe, expect, it } from 'vitest';
import { ageOn } from './age.ts';
import { parseBankCard, parseIdBack, parseIdFront } from './card-fields.ts';
import { checkBankCard, checkIdBack, checkIdFront } from './checks.ts';
import { chinaDate } from './dates.ts';
import { divisionInfo } from './divisions.ts';
import { createRng } from './prng.ts';
import { authorityFor, syntheticIdentities, syntheticIdentity } from './synthetic.ts';
import { bankCardLines, idBackLines, idFrontLines } from './synthetic-lines.ts';

const NOW = new Date('2026-11-23T04:00:00Z');
const PEOPLE = syntheticIdentities(1000, 300, { now: NOW });

describe('createRng (mulberry32)', () => {
	it('matches the reference mulberry32 sequence for seed 1', () => {
		const rng = createRng(1);
		expect([rng.next(), rng.next(), rng.next()].map((x) => x.toFixed(10))).toEqual([
			'0.6270739406',
			'0.0027357212',
			'0.5274470400'
		]);
	});
	it('keeps integers within bounds', () => {
		const rng = createRng(9);
		const xs = Array.from({ length: 1000 }, () => rng.int(3, 5));
		expect(new Set(xs)).toEqual(new Set([3, 4, 5]));
	});
});

describe('syntheticIdentity', () => {
	it('is deterministic for a seed and differs between seeds', () => {
		expect(syntheticIdentity(42, { now: NOW })).toEqual(syntheticIdentity(42, { now: NOW }));
		expect(syntheticIdentity(42, { now: NOW }).idNumber).not.toBe(
			syntheticIdentity(43, { now: NOW }).idNumber
		);
		expect(new Set(PEOPLE.map((p) => p.idNumber)).size).toBe(PEOPLE.length);
	});
	it('passes every cross-check', () => {
		for (const p of PEOPLE) {
			const failed = [
				...checkIdFront(p, NOW),
				...checkIdBack(p, p, NOW),
				...checkBankCard({ cardNumber: p.bank.cardNumber })
			].filter((c) => !c.ok);
			expect({ id: p.idNumber, failed: failed.map((c) => c.code) }).toEqual({
				id: p.idNumber,
				failed: []
			});
		}
	});
	it('respects the age range, and the expired option', () => {
		const today = chinaDate(NOW);
		const young = syntheticIdentities(5, 50, { now: NOW, minAge: 18, maxAge: 20 });
		for (const p of young) expect(ageOn(p.birth, today)).toBeGreaterThanOrEqual(18);
		for (const p of young) expect(ageOn(p.birth, today)).toBeLessThanOrEqual(20);
		const expired = syntheticIdentities(5, 30, { now: NOW, expired: true });
		for (const p of expired) {
			const c = checkIdBack(p, p, NOW);
			expect(c.find((x) => x.code === 'card_expired')?.ok).toBe(false);
			expect(c.find((x) => x.code === 'validity_rule')?.ok).toBe(true);
		}
	});
	it('uses real current county codes, addresses that fit three lines, and both sexes', () => {
		for (const p of PEOPLE) {
			expect(divisionInfo(p.divisionCode)?.status).toBe('current');
			expect(p.address.length).toBeLessThanOrEqual(33);
			expect(p.idNumber.startsWith(p.divisionCode)).toBe(true);
		}
		const men = PEOPLE.filter((p) => p.sex === '男').length;
		expect(men).toBeGreaterThan(100);
		expect(men).toBeLessThan(200);
		expect(PEOPLE.some((p) => p.validTo === '长期')).toBe(true);
		expect(PEOPLE.some((p) => p.ethnicity !== '汉')).toBe(true);
	});
	it('names the issuing bureau like a real card', () => {
		expect(authorityFor(divisionInfo('110101')!)).toBe('北京市公安局东城分局');
		expect(authorityFor(divisionInfo('440304')!)).toBe('深圳市公安局福田分局');
		expect(authorityFor(divisionInfo('441900')!)).toBe('东莞市公安局');
		expect(authorityFor(divisionInfo('130123')!)).toBe('正定县公安局');
	});
	it('round-trips through ideal OCR lines and the parsers', () => {
		for (const p of PEOPLE.slice(0, 100)) {
			expect(parseIdFront(idFrontLines(p))).toEqual({
				name: p.name,
				sex: p.sex,
				ethnicity: p.ethnicity,
				birth: p.birth,
				address: p.address,
				idNumber: p.idNumber
			});
			expect(parseIdBack(idBackLines(p))).toEqual({
				authority: p.authority,
				validFrom: p.validFrom,
				validTo: p.validTo
			});
			expect(parseBankCard(bankCardLines(p.bank))).toEqual({
				cardNumber: p.bank.cardNumber,
				bank: p.bank.bank
			});
		}
	});
});
