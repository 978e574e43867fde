/**
 * Greedy CTC decoding for the PP-OCRv4 recogniser. Its output has `keys.length + 2` classes:
 * 0 is the CTC blank, 1…N are the lines of `ppocr_keys_v1.txt` in order, N + 1 is a space.
 */

/** Parses the keys file: one character per line (the file has no trailing newline). */
export function parseKeys(text: string): string[] {
	const lines = text.split('\n');
	if (lines.at(-1) === '') lines.pop();
	return lines.map((l) => l.replace(/\r$/, ''));
}

/** One decoded line: text and the mean probability of its characters (0 when empty). */
export interface Decoded {
	text: string;
	score: number;
}

/**
 * Decodes one sequence of `steps × classes` probabilities (row-major, starting at `offset`):
 * per step the best class; repeats collapse, blanks separate.
 */
export function ctcGreedy(
	probs: Float32Array,
	steps: number,
	classes: number,
	keys: readonly string[],
	offset = 0
): Decoded {
	const spaceIndex = keys.length + 1;
	let text = '';
	let sum = 0;
	let count = 0;
	let prev = -1;
	for (let t = 0; t < steps; t++) {
		const row = offset + t * classes;
		let best = 0;
		let bestP = -Infinity;
		for (let c = 0; c < classes; c++) {
			const p = probs[row + c] ?? -Infinity;
			if (p > bestP) {
				bestP = p;
				best = c;
			}
		}
		if (best !== 0 && best !== prev) {
			const ch = best === spaceIndex ? ' ' : keys[best - 1];
			if (ch !== undefined) {
				text += ch;
				sum += bestP;
				count++;
			}
		}
		prev = best;
	}
	return { text, score: count === 0 ? 0 : sum / count };
}
