/**
 * Finding a printed label (姓名, 签发机关 …) at the start of an OCR line, exactly or mis-read, and
 * splitting it from a value OCR merged into the same line.
 */
import { centre, readingOrder, type OcrLine } from './card-layout.ts';
import { compact } from './ocr-text.ts';

/** How far (px) a mis-read label's box may start from where the label is printed. */
export const LABEL_SLACK = 60;

export interface Label<F extends string> {
	field: F;
	text: string;
	/** Expected left edge of the label on a rectified card. */
	x: number;
	/** Expected box-centre y of the label on a rectified card. */
	y: number;
}

export interface LabelMatch<F extends string> {
	label: Label<F>;
	/** The line's text after the label. */
	rest: string;
	/** True when the label was read exactly (trusted for aligning the layout). */
	exact: boolean;
}

function samePositions(a: string, b: string): number {
	let n = 0;
	for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] === b[i]) n++;
	return n;
}

/**
 * The label a line starts with. Exact matches count anywhere; a mis-read label (half its
 * characters right, or its first character dropped) only when the line starts where that label
 * is printed (±{@link LABEL_SLACK} px), where no value can begin.
 */
export function matchLabel<F extends string>(
	line: OcrLine,
	labels: readonly Label<F>[]
): LabelMatch<F> | undefined {
	const text = compact(line.text);
	for (const label of labels)
		if (text.startsWith(label.text))
			return { label, rest: text.slice(label.text.length), exact: true };
	for (const label of labels) {
		if (Math.abs(line.box[0] - label.x) > LABEL_SLACK) continue;
		const n = label.text.length;
		// Labels are all Chinese: a digit or letter ends the label (有效2010.… keeps its 20).
		const k = Math.min(n, labelEnd(text));
		if (samePositions(text.slice(0, k), label.text) >= Math.ceil(n / 2) && text.length >= n)
			return { label, rest: text.slice(k), exact: false };
		// The first character dropped, and at most a third of the rest mis-read (发机美 for 签发机关).
		const tail = label.text.slice(1);
		if (text.startsWith(tail)) return { label, rest: text.slice(n - 1), exact: false };
		const kt = Math.min(n - 1, labelEnd(text));
		if (
			samePositions(text.slice(0, kt), tail) >= Math.max(2, Math.ceil(((n - 1) * 2) / 3)) &&
			text.length >= n - 1
		)
			return { label, rest: text.slice(kt), exact: false };
	}
	return undefined;
}

/** Index of the first character that cannot be part of a (Chinese) label. */
function labelEnd(text: string): number {
	const i = text.search(/[^\u3400-\u9fff]/);
	return i < 0 ? text.length : i;
}

/**
 * For a line starting in the label column whose label was not recognised: drop the characters
 * that lie left of the value column (estimated from the box width), at most `maxLabel` of them;
 * with `numeric`, everything before the first digit.
 */
export function dropLabelColumn(
	line: OcrLine,
	valueX: number,
	maxLabel: number,
	opts: { numeric?: boolean } = {}
): string {
	const text = compact(line.text);
	const [x, , w] = line.box;
	if (x >= valueX - 20 || text.length === 0) return text;
	// A numeric value (dates, ID number) starts at its first digit: digits are narrower than
	// the label's characters, so a width estimate would cut into them.
	if (opts.numeric) {
		const first = text.search(/\d/);
		return first < 0 ? text : text.slice(first);
	}
	const charWidth = w / text.length;
	const k = Math.max(0, Math.min(maxLabel, Math.round((valueX - x) / charWidth)));
	return text.slice(k);
}

/**
 * Median vertical offset of exactly read labels from where the layout expects them, so that a
 * slightly shifted rectification still puts unlabelled lines in the right band.
 */
export function layoutOffset<F extends string>(
	matches: { line: OcrLine; m: LabelMatch<F> }[]
): number {
	const d = matches
		.filter(({ m }) => m.exact)
		.map(({ line, m }) => centre(line).y - m.label.y)
		.sort((a, b) => a - b);
	if (d.length === 0) return 0;
	const median = d[Math.floor(d.length / 2)]!;
	return Math.max(-60, Math.min(60, median));
}

/** A line with the label it starts with, if any. */
export interface Labelled<F extends string> {
	line: OcrLine;
	m: LabelMatch<F> | undefined;
}

/**
 * Matches every line against a side's labels and measures how far the exactly read labels sit
 * from the layout (both card sides start their parsing with this).
 */
export function labelLines<F extends string>(
	lines: OcrLine[],
	labels: readonly Label<F>[]
): { matched: Labelled<F>[]; offset: number } {
	const matched = lines.map((line) => ({ line, m: matchLabel(line, labels) }));
	const offset = layoutOffset(
		matched.filter((x): x is { line: OcrLine; m: LabelMatch<F> } => !!x.m)
	);
	return { matched, offset };
}

/** One field's value lines joined in reading order (top to bottom, left to right), compacted. */
export function joinReading(lines: OcrLine[]): string {
	return readingOrder(lines)
		.flat()
		.map((l) => compact(l.text))
		.join('');
}
