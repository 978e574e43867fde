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
import {
	dropLabelColumn,
	joinReading,
	labelLines,
	type Label,
	type LabelMatch
} from './card-labels.ts';
import { correctAddress } from './address-correction.ts';
import { isEthnicity, normaliseEthnicity } from './ethnicity.ts';
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
	/**
	 * Set when the address's province/city/county names did not fit the ID number's region (or
	 * several names fitted equally): the address is left as read and should be confirmed.
	 */
	addressUnsure?: true;
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

/**
 * Where the 公民身份号码 row is on this card: the top of the box holding a valid number (or of its
 * label). Read from the card itself, not the layout, so a number printed closer under the address
 * than the layout says is never read as an address line.
 */
function numberRowTop(matched: { line: OcrLine; m?: { label: { field: string } } }[]) {
	const tops = matched
		.filter(
			({ line, m }) =>
				m?.label.field === 'idNumber' ||
				(!m && idCandidates(line.text).some((c) => parseIdNumber(c).ok))
		)
		.map(({ line }) => line.box[1]);
	return tops.length ? Math.min(...tops) : undefined;
}

/** True when a box lies mostly below `top` (it belongs to the number row, not the address). */
function inNumberRow(line: OcrLine, top: number | undefined): boolean {
	return top !== undefined && centre(line).y >= top;
}

/**
 * Where values start on this card: no further right than the labels OCR read on their own end (a
 * label box holds nothing else), so a value printed closer to its label keeps its first character.
 */
function valueColumns(matched: { line: OcrLine; m?: LabelMatch<FrontRow | 'ethnicity'> }[]) {
	const ends = (f: (field: string) => boolean) =>
		matched
			.filter(({ m }) => m?.exact && m.rest === '' && f(m.label.field))
			.map(({ line }) => line.box[0] + line.box[2]);
	const left = ends((f) => f !== 'ethnicity' && f !== 'idNumber');
	const eth = ends((f) => f === 'ethnicity');
	// Only ever left of the layout's column: an unclipped label box can reach past the value's start.
	const column = (e: number[], def: number) => Math.max(def - 50, Math.min(def, ...e));
	return { value: column(left, FRONT_VALUE_X), ethnicity: column(eth, ETHNICITY_VALUE_X) };
}

function place(lines: OcrLine[]): Placed[] {
	const { matched, offset } = labelLines(lines, LABELS);
	const numberTop = numberRowTop(matched);
	const columns = valueColumns(matched);
	const placed: Placed[] = [];
	for (const { line, m } of matched) {
		if (m) {
			const field =
				m.label.field === 'address' && inNumberRow(line, numberTop) ? 'idNumber' : m.label.field;
			placed.push({ line, field, value: m.rest });
			continue;
		}
		const { x, y } = centre(line);
		let row: FrontRow | undefined = FRONT_ROWS.find(
			(r) => y - offset >= r.from && y - offset < r.to
		)?.field;
		if (row === 'address' && inNumberRow(line, numberTop)) row = 'idNumber';
		// The last address line may sit lower than the layout's number band on a tightly printed card.
		if (
			row === 'idNumber' &&
			numberTop !== undefined &&
			y < numberTop &&
			line.box[0] >= FRONT_VALUE_X - 40 &&
			!/\d{6}/.test(fixDigits(compact(line.text)))
		)
			row = 'address';
		if (!row || (row !== 'idNumber' && line.box[0] >= PORTRAIT_X)) continue;
		// A box starting in the sex column, or starting with the sex (女民族汉: the value merged with
		// the 民族 label), is the sex value, even when it holds the rest of the row.
		const field =
			row === 'sexEthnicity' &&
			x >= ETHNICITY_X &&
			line.box[0] >= ETHNICITY_X - 60 &&
			!/^[男女]/.test(compact(line.text))
				? 'ethnicity'
				: row;
		const value =
			field === 'ethnicity'
				? isEthnicity(compact(line.text))
					? compact(line.text)
					: dropLabelColumn(line, columns.ethnicity, 2)
				: dropLabelColumn(line, columns.value, row === 'idNumber' ? 6 : 2);
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

/**
 * The address, never with the number under it (a line OCR joined across rows) and with its
 * division names checked against the number's region.
 */
function checkAddress(
	address: string,
	idNumber: string
): Pick<IdFrontFields, 'address' | 'addressUnsure'> {
	let a = address;
	const at = a.indexOf(idNumber.slice(0, 10));
	if (at > 0) a = a.slice(0, at);
	const parsed = parseIdNumber(idNumber);
	if (!parsed.ok) return { address: a };
	const c = correctAddress(a, parsed.info.divisionCode);
	return c.confident ? { address: c.address } : { address: c.address, addressUnsure: true };
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
	const sex = /[男女]/.exec(sexText || joined('ethnicity'))?.[0];
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
	if (out.address && id) Object.assign(out, checkAddress(out.address, id));
	return out;
}
