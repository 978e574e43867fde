import { describe, expect, it } from 'vitest';
import { buildIdNumber, idCheckChar, isValidIdNumber, parseIdNumber } from './id-number.ts';

// One valid number per check character; cross-checked with idcard@4.2.0's verify().
const GOLDEN: Record<string, string> = {
	'0': '440304199001010070',
	'1': '440304199001010011',
	'2': '440304199001010062',
	'3': '440304199001010193',
	'4': '440304199001010054',
	'5': '440304199001010185',
	'6': '440304199001010046',
	'7': '440304199001010097',
	'8': '440304199001010038',
	'9': '440304199001010089',
	X: '44030419900101002X'
};
const NOW = new Date('2026-11-23T12:00:00Z');

describe('ID number check character (ISO 7064 MOD 11-2)', () => {
	it.each(Object.entries(GOLDEN))('computes %s', (check, id) => {
		expect(idCheckChar(id.slice(0, 17))).toBe(check);
		expect(isValidIdNumber(id)).toBe(true);
	});
	it('accepts the GB 11643 example 11010519491231002X and decodes it', () => {
		expect(parseIdNumber('11010519491231002X')).toEqual({
			ok: true,
			info: {
				idNumber: '11010519491231002X',
				divisionCode: '110105',
				birth: '1949-12-31',
				sex: '女',
				sequence: '002'
			}
		});
	});
	it('normalises a lower-case x and spaces', () => {
		const r = parseIdNumber(' 110105 19491231 002x ');
		expect(r.ok && r.info.idNumber).toBe('11010519491231002X');
	});
	it('rejects every single-digit change of the check character', () => {
		for (const c of '0123456789X') {
			if (c === 'X') continue;
			expect(parseIdNumber('11010519491231002' + c)).toEqual({ ok: false, code: 'id_checksum' });
		}
	});
	it('rejects a swap of two adjacent digits', () => {
		expect(parseIdNumber('11010591491231002X').ok).toBe(false);
	});
});

describe('ID number format and birth date', () => {
	it.each([
		'',
		'1101051949123100',
		'1101051949123100212',
		'01010519491231002X',
		'110105194912310X2X',
		'A1010519491231002X'
	])('rejects the malformed %j', (id) =>
		expect(parseIdNumber(id)).toEqual({ ok: false, code: 'id_format' })
	);
	it('accepts 2000-02-29 (leap year) and rejects 1900-02-29 (not a leap year)', () => {
		const leap = buildIdNumber('110105', '2000-02-29', 1);
		expect(leap).toBe('110105200002290013');
		expect(parseIdNumber(leap)).toMatchObject({
			ok: true,
			info: { birth: '2000-02-29', sex: '男' }
		});
		const notLeap = '11010519000229001' + idCheckChar('11010519000229001');
		expect(parseIdNumber(notLeap)).toEqual({ ok: false, code: 'id_birth_invalid' });
	});
	it('rejects month 13 and day 32 and 31 April', () => {
		for (const d of ['19901301', '19900132', '19900431']) {
			const f = '110105' + d + '001';
			expect(parseIdNumber(f + idCheckChar(f))).toEqual({ ok: false, code: 'id_birth_invalid' });
		}
	});
	it('rejects a birth date after today in China, accepts today', () => {
		const today = buildIdNumber('110105', '2026-11-23', 2);
		const tomorrow = buildIdNumber('110105', '2026-11-24', 2);
		expect(parseIdNumber(today, NOW).ok).toBe(true);
		expect(parseIdNumber(tomorrow, NOW)).toEqual({ ok: false, code: 'id_birth_invalid' });
		// 23:30 UTC on the 23rd is already the 24th in Beijing.
		expect(parseIdNumber(tomorrow, new Date('2026-11-23T23:30:00Z')).ok).toBe(true);
	});
	it('reads the sex from the parity of the sequence number', () => {
		expect(parseIdNumber(buildIdNumber('110105', '1990-01-01', 999))).toMatchObject({
			info: { sex: '男' }
		});
		expect(parseIdNumber(buildIdNumber('110105', '1990-01-01', 0))).toMatchObject({
			info: { sex: '女' }
		});
	});
});

describe('ID number plausibility without a clock', () => {
	it('rejects birth years outside 1880–2099 even without now', () => {
		const f = '62040752520424705';
		expect(parseIdNumber(f + idCheckChar(f))).toEqual({ ok: false, code: 'id_birth_invalid' });
		const g = '11010518790101001';
		expect(parseIdNumber(g + idCheckChar(g))).toEqual({ ok: false, code: 'id_birth_invalid' });
	});
});
