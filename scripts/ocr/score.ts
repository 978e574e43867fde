/**
 * Scoring for the OCR benchmark: does the printed text of each field (and each printed run) come
 * back from OCR, exactly? This is not field parsing (that lives in `src/lib/domain/`): it checks
 * the expected printed string against the recognised lines, whitespace ignored.
 */
import type { CardTruth } from '../../tests/fixtures/cards/generate.ts';

export type ScoredField =
	| 'name'
	| 'sex'
	| 'ethnicity'
	| 'birth'
	| 'address'
	| 'idNumber'
	| 'authority'
	| 'validFrom'
	| 'validTo'
	| 'cardNumber'
	| 'bank';

const norm = (s: string) => s.replace(/\s+/g, '');

/** The field strings as printed on the card, per card kind. */
export function printedFields(t: CardTruth): Partial<Record<ScoredField, string>> {
	const id = t.identity;
	const dotted = (ymd: string) => ymd.replaceAll('-', '.');
	if (t.kind === 'id-front') {
		const [y, m, d] = id.birth.split('-').map(Number);
		return {
			name: id.name,
			sex: id.sex,
			ethnicity: id.ethnicity,
			birth: `${y}年${m}月${d}日`,
			address: id.address,
			idNumber: id.idNumber
		};
	}
	if (t.kind === 'id-back') {
		const to = id.validTo === '长期' ? '长期' : dotted(id.validTo);
		return {
			authority: id.authority,
			validFrom: dotted(id.validFrom),
			validTo: `${dotted(id.validFrom)}-${to}`
		};
	}
	return { cardNumber: id.cardNumber, bank: id.bank };
}

/** Whether one field's printed text was read exactly. */
export function fieldRead(field: ScoredField, expected: string, lines: readonly string[]): boolean {
	const texts = lines.map(norm);
	if (field === 'address') return texts.join('').includes(norm(expected));
	if (field === 'cardNumber') return texts.some((t) => t.replace(/\D/g, '') === expected);
	if (field === 'sex' || field === 'ethnicity') {
		// One or two characters: demand a line that is exactly the value (optionally after its label).
		return texts.some(
			(t) => t === expected || t.endsWith(`性别${expected}`) || t.endsWith(`民族${expected}`)
		);
	}
	return texts.some((t) => t.includes(norm(expected)));
}

/** Per printed run (labels included): was it read, as part of some line? */
export function runsRead(t: CardTruth, lines: readonly string[]): { total: number; read: number } {
	const texts = lines.map(norm);
	const runs = t.runs.filter((r) => norm(r.text).length > 0);
	return {
		total: runs.length,
		read: runs.filter((r) => texts.some((x) => x.includes(norm(r.text)))).length
	};
}
