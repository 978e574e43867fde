/**
 * Field-level scoring for the OCR benchmark: what the user sees. The engine's lines go through the
 * shared domain rules (`readCard`) and each parsed field is compared with the card's truth,
 * exactly (the CLI's field keys and formats).
 */
import type { OcrLine } from '../../src/lib/domain/card-layout.ts';
import { readCard, type CardFields } from '../../src/lib/domain/read-card.ts';
import type { CardTruth } from '../../tests/fixtures/cards/generate.ts';

export type FieldKey = keyof CardFields;

/** The fields a card side carries, with the values the parser must produce. */
export function expectedFields(t: CardTruth): Partial<Record<FieldKey, string>> {
	const id = t.identity;
	if (t.kind === 'id-front') {
		const { name, sex, ethnicity, birth, address, idNumber } = id;
		return { name, sex, ethnicity, birth, address, idNumber };
	}
	if (t.kind === 'id-back') {
		const { authority, validFrom, validTo } = id;
		return { authority, validFrom, validTo };
	}
	return { cardNumber: id.cardNumber, bank: id.bank };
}

/** One field's outcome. */
export interface FieldOutcome {
	field: FieldKey;
	want: string;
	got: string | undefined;
	ok: boolean;
}

/**
 * Parses the lines as the app does and compares every field of the side. `front`: the same
 * engine's reading of this holder's photo side (the app reads it first, then the emblem side).
 */
export function scoreFields(
	t: CardTruth,
	lines: OcrLine[],
	now: Date,
	front?: CardFields
): { kind: string; outcomes: FieldOutcome[]; fields: CardFields } {
	const reading = readCard(lines, now, front);
	const outcomes = Object.entries(expectedFields(t)).map(([f, want]) => {
		const got = reading.fields[f as FieldKey];
		return { field: f as FieldKey, want: want!, got, ok: got === want };
	});
	return { kind: reading.kind, outcomes, fields: reading.fields };
}
