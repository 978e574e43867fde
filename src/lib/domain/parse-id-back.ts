/** Emblem side of the ID card: 签发机关 and 有效期限, by label first and by layout position second. */
import {
	BACK_LABEL_X,
	BACK_ROWS,
	BACK_VALUE_X,
	centre,
	type BackRow,
	type OcrLine
} from './card-layout.ts';
import { dropLabelColumn, joinReading, labelLines, type Label } from './card-labels.ts';
import { authorityOfIdNumber, snapAuthority } from './authority.ts';
import { parseIdNumber } from './id-number.ts';
import { findDates, isLongTermText } from './ocr-text.ts';
import { repairPeriod } from './period-repair.ts';
import { LONG_TERM } from './validity.ts';

/** Fields read from the emblem side. */
export interface IdBackFields {
	authority?: string;
	/** `YYYY-MM-DD` */
	validFrom?: string;
	/** `YYYY-MM-DD` or `'长期'` */
	validTo?: string;
}

const LABELS: readonly Label<BackRow>[] = [
	{ field: 'authority', text: '签发机关', x: BACK_LABEL_X, y: 400 },
	{ field: 'validity', text: '有效期限', x: BACK_LABEL_X, y: 465 }
];

/**
 * Parses the emblem side. `frontIdNumber` (the photo side's number, when read already) names the
 * bureau to expect, which settles a 签发机关 that OCR read one character short.
 */
export function parseIdBack(lines: OcrLine[], frontIdNumber?: string): IdBackFields {
	const { matched, offset } = labelLines(lines, LABELS);
	const values: Record<BackRow, OcrLine[]> = { authority: [], validity: [] };
	for (const { line, m } of matched) {
		if (m) {
			values[m.label.field].push({ ...line, text: m.rest });
			continue;
		}
		const y = centre(line).y - offset;
		const row = BACK_ROWS.find((r) => y >= r.from && y < r.to)?.field;
		if (row)
			values[row].push({
				...line,
				text: dropLabelColumn(line, BACK_VALUE_X, 4, { numeric: row === 'validity' })
			});
	}
	const out: IdBackFields = {};

	const authority = joinReading(values.authority).replace(/[^\u3400-\u9fff]/g, '');
	if (authority)
		out.authority = snapAuthority(
			authority,
			frontIdNumber ? authorityOfIdNumber(frontIdNumber) : undefined
		);

	const validity = joinReading(values.validity);
	const [from, to] = findDates(validity);
	if (from) out.validFrom = from;
	if (to) out.validTo = to;
	else if (from && isLongTermText(validity.slice(validity.search(/\d/)))) out.validTo = LONG_TERM;
	else {
		// One date impossible as read: settle it from the other and the term rule.
		const id = frontIdNumber ? parseIdNumber(frontIdNumber) : undefined;
		const repaired = repairPeriod(validity, id?.ok ? id.info.birth : undefined);
		if (repaired) [out.validFrom, out.validTo] = [repaired.from, repaired.to];
	}
	return out;
}
