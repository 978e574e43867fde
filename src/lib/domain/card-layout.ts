/**
 * Where things are on a rectified card (856×540 px, 10 px per mm; GA 448-2013 positions from
 * `DATA.md`, top/left of each label). A line is placed by the centre of its box, so a label that
 * OCR mis-read, or merged with its value, still lands in the right field.
 */

/** One recognised text line; box in rectified-card pixels (card rectified to 856×540). */
export interface OcrLine {
	text: string;
	box: [x: number, y: number, w: number, h: number];
	score: number;
}

export const CARD_WIDTH = 856;
export const CARD_HEIGHT = 540;

/** Left edge of the labels on the photo side (7.5 mm). */
export const FRONT_LABEL_X = 75;
/** Values start right of this x (labels end about 14 mm, values begin about 18 mm). */
export const FRONT_VALUE_X = 160;
/** 民族 label at 26.6 mm: on the sex row, anything centred right of this is the 民族 value. */
export const ETHNICITY_X = 250;
export const ETHNICITY_LABEL_X = 266;
/** The 民族 value starts about 36 mm. */
export const ETHNICITY_VALUE_X = 345;
/** The portrait (right side, above the number) holds no text fields. */
export const PORTRAIT_X = 540;

/** Row bands on the photo side by box-centre y (labels at 10.1, 16.1, 22.4, 28.7, 44.4 mm). */
export const FRONT_ROWS = [
	{ field: 'name', from: 60, to: 145 },
	{ field: 'sexEthnicity', from: 145, to: 205 },
	{ field: 'birth', from: 205, to: 268 },
	{ field: 'address', from: 268, to: 425 },
	{ field: 'idNumber', from: 425, to: 530 }
] as const;
export type FrontRow = (typeof FRONT_ROWS)[number]['field'];

/** Left edge of the labels on the emblem side (20.4 mm); values start about 37 mm. */
export const BACK_LABEL_X = 204;
export const BACK_VALUE_X = 330;

/** Row bands on the emblem side (签发机关 at 38.5 mm, 有效期限 at 45.0 mm). */
export const BACK_ROWS = [
	{ field: 'authority', from: 355, to: 428 },
	{ field: 'validity', from: 428, to: 520 }
] as const;
export type BackRow = (typeof BACK_ROWS)[number]['field'];

/** Box centre. */
export function centre(line: OcrLine): { x: number; y: number } {
	const [x, y, w, h] = line.box;
	return { x: x + w / 2, y: y + h / 2 };
}

/** Which band a line's centre falls in. */
export function rowOf<F extends string>(
	line: OcrLine,
	rows: readonly { field: F; from: number; to: number }[]
): F | undefined {
	const { y } = centre(line);
	return rows.find((r) => y >= r.from && y < r.to)?.field;
}

/** Lines sorted top to bottom, then left to right within a row (centres closer than 0.6 line heights). */
export function readingOrder(lines: OcrLine[]): OcrLine[][] {
	const sorted = [...lines].sort((a, b) => centre(a).y - centre(b).y);
	const rows: OcrLine[][] = [];
	for (const line of sorted) {
		const row = rows.at(-1);
		const prev = row?.at(-1);
		const near =
			prev && Math.abs(centre(prev).y - centre(line).y) < 0.6 * Math.max(prev.box[3], line.box[3]);
		if (row && near) row.push(line);
		else rows.push([line]);
	}
	return rows.map((r) => r.sort((a, b) => a.box[0] - b.box[0]));
}
