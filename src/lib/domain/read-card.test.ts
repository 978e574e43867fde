import { describe, expect, it } from 'vitest';
import { readCard } from './read-card.ts';
import { syntheticIdentity } from './synthetic.ts';
import { bankCardLines, idBackLines, idFrontLines } from './synthetic-lines.ts';

const now = new Date('2026-11-23T12:00:00Z');
const who = syntheticIdentity(42, { now });

describe('readCard', () => {
	it('reads a photo side into its fields with every check passing', () => {
		const r = readCard(idFrontLines(who), now);
		expect(r.kind).toBe('id-front');
		expect(r.fields).toMatchObject({ name: who.name, idNumber: who.idNumber, birth: who.birth });
		expect(r.checks.filter((c) => !c.ok)).toEqual([]);
	});

	it('reads the emblem side and the bank card', () => {
		const back = readCard(idBackLines(who), now);
		expect(back.kind).toBe('id-back');
		expect(back.fields).toMatchObject({ authority: who.authority, validTo: who.validTo });
		const bank = readCard(bankCardLines(who.bank), now);
		expect(bank.kind).toBe('bank');
		expect(bank.fields.cardNumber).toBe(who.bank.cardNumber);
		expect(bank.checks.every((c) => c.ok)).toBe(true);
	});

	it('reads the emblem side with the photo side’s fields: the expected bureau settles a short reading', () => {
		const front = readCard(idFrontLines(who), now).fields;
		const short = who.authority.slice(0, 2) + who.authority.slice(3); // one character lost
		const lines = idBackLines({ ...who, authority: short });
		expect(readCard(lines, now, front).fields.authority).toBe(who.authority);
		const stranger = { ...front, idNumber: '11010519491231002X' };
		// Another holder's bureau is far from this reading: it is not forced onto it.
		expect(readCard(lines, now, stranger).fields.authority).toBe(
			readCard(lines, now).fields.authority
		);
	});

	it('flags a wrong check digit with a stable code and both languages', () => {
		const bad = who.idNumber.slice(0, 17) + (who.idNumber.endsWith('1') ? '2' : '1');
		const r = readCard(idFrontLines({ ...who, idNumber: bad }), now);
		const failed = r.checks.find((c) => !c.ok && c.code === 'id_checksum');
		expect(failed?.message.zh).toMatch(/[\u4e00-\u9fff]/);
		expect(failed?.message.en).toMatch(/[a-z]/);
	});

	it('says unknown (not garbage) for text that is no card', () => {
		const r = readCard([{ text: '今天天气很好', box: [10, 10, 300, 40], score: 0.9 }], now);
		expect(r).toEqual({ kind: 'unknown', fields: {}, checks: [] });
	});
});
