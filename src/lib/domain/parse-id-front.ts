/** Photo side of the ID card: OCR lines → fields, by label first and by layout position second. */
import {
	ETHNICITY_LABEL_X,
	ETHNICITY_VALUE_X,
	ETHNICITY_X,
	FRONT_LABEL_X,
	FRONT_ROWS,
	FRONT_VALUE_X,
	PORTRAIT_X,
	centre,
	type FrontRow,
	type OcrLine
} from './card-layout.ts';
import { dropLabelColumn, joinReading, labelLines, type Label } from './card-labels.ts';
import { normaliseEthnicity } from './ethnicity.ts';
import { compact, findDates, fixDigits } from './ocr-text.ts';
import { parseIdNumber } from './id-number.ts';

/** Fields read from the photo side. */
export interface IdFrontFields {
	name?: string;
	sex?: '男' | '女';
	ethnicity?: string;
	/** `YYYY-MM-DD` */
	birth?: string;
	address?: string;
	idNumber?: string;
}

const LABELS: readonly Label<FrontRow | 'ethnicity'>[] = [
	{ field: 'name', text: '姓名', x: FRONT_LABEL_X, y: 118 },
	{ field: 'sexEthnicity', text: '性别', x: FRONT_LABEL_X, y: 178 },
	{ field: 'ethnicity', text: '民族', x: ETHNICITY_LABEL_X, y: 178 },
	{ field: 'birth', text: '出生', x: FRONT_LABEL_X, y: 241 },
	{ field: 'address', text: '住址', x: FRONT_LABEL_X, y: 304 },
	{ field: 'idNumber', text: '公民身份号码', x: FRONT_LABEL_X, y: 462 }
];

interface Placed {
	line: OcrLine;
	field: FrontRow | 'ethnicity';
	value: string;
}

function place(lines: OcrLine[]): Placed[] {
	const { matched, offset } = labelLines(lines, LABELS);
	const placed: Placed[] = [];
	for (const { line, m } of matched) {
		if (m) {
			placed.push({ line, field: m.label.field, value: m.rest });
			continue;
		}
		const { x, y } = centre(line);
		const row = FRONT_ROWS.find((r) => y - offset >= r.from && y - offset < r.to)?.field;
		if (!row || (row !== 'idNumber' && line.box[0] >= PORTRAIT_X)) continue;
		const field = row === 'sexEthnicity' && x >= ETHNICITY_X ? 'ethnicity' : row;
		const value =
			field === 'ethnicity'
				? dropLabelColumn(line, ETHNICITY_VALUE_X, 2)
				: dropLabelColumn(line, FRONT_VALUE_X, row === 'idNumber' ? 6 : 2);
		if (value) placed.push({ line, field, value });
	}
	return placed;
}

/** Keeps CJK characters and the middle dot of transliterated names (买买提·艾力). */
function cleanName(text: string): string | undefined {
	const s = text
		.replace(/[.•・‧∙]/g, '·')
		.replace(/[^\u3400-\u9fff·]/g, '')
		.replace(/^·+|·+$/g, '');
	return s.length >= 1 ? s : undefined;
}

/**
 * The 民族 value in what is left after the label: an exact name at the end first (label remnants
 * come before it), a one-character fix of the whole text only after that.
 */
function ethnicityFrom(text: string): string | undefined {
	const s = compact(text).replace(/^[男女]/, '');
	for (let len = Math.min(s.length, 6); len >= 1; len--) {
		const e = normaliseEthnicity(s.slice(s.length - len), { fuzzy: false });
		if (e) return e;
	}
	const fixed = normaliseEthnicity(s);
	if (fixed) return fixed;
	const raw = s.replace(/^民族/, '').replace(/[^\u3400-\u9fff]/g, '');
	return raw || undefined;
}

/** Every 18-character ID-number candidate in the text; valid ones first. */
function idCandidates(text: string): string[] {
	const s = fixDigits(compact(text).replace(/[x×Х]/g, 'X')).replace(/[^0-9X]/g, '');
	const out: string[] = [];
	for (let i = 0; i + 18 <= s.length; i++) {
		const c = s.slice(i, i + 18);
		if (/^\d{17}[\dX]$/.test(c)) out.push(c);
	}
	return out.sort((a, b) => Number(parseIdNumber(b).ok) - Number(parseIdNumber(a).ok));
}

/** Parses the photo side (姓名, 性别, 民族, 出生, 住址, 公民身份号码). */
export function parseIdFront(lines: OcrLine[]): IdFrontFields {
	const placed = place(lines);
	const of = (f: Placed['field']) => placed.filter((p) => p.field === f);
	const joined = (f: Placed['field']) =>
		joinReading(of(f).map((p) => ({ ...p.line, text: p.value })));
	const out: IdFrontFields = {};

	const name = cleanName(joined('name'));
	if (name) out.name = name;

	const sexText = joined('sexEthnicity');
	const sex = /[男女]/.exec(sexText)?.[0];
	if (sex === '男' || sex === '女') out.sex = sex;
	const merged = sexText
		.split(/民族|[男女]/)
		.slice(1)
		.join('');
	const ethnicity = ethnicityFrom(joined('ethnicity') || merged);
	if (ethnicity) out.ethnicity = ethnicity;

	const birth = findDates(joined('birth'))[0];
	if (birth) out.birth = birth;

	const address = joined('address').replace(/[^\u3400-\u9fff0-9A-Za-z·\-()（）#]/g, '');
	if (address) out.address = address;

	const numberRow = joined('idNumber');
	const id =
		idCandidates(numberRow)[0] ??
		lines
			.flatMap((l) => idCandidates(l.text))
			.sort((a, b) => Number(parseIdNumber(b).ok) - Number(parseIdNumber(a).ok))[0];
	if (id) out.idNumber = id;
	return out;
}
