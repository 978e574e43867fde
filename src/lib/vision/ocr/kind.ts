/**
 * Which card side a set of OCR lines most likely came from, by the printed labels that only one
 * side carries. Field values are parsed elsewhere (`src/lib/domain/`).
 */
import type { OcrLine } from './protocol.ts';

export type CardKind = 'id-front' | 'id-back' | 'bank' | 'unknown';

const FRONT = ['公民身份号码', '姓名', '性别', '民族', '出生', '住址'];
const BACK = ['居民身份证', '签发机关', '有效期限', '中华人民共和国'];

/** Classifies by counting side-specific labels; a long digit run alone means a bank card. */
export function cardKind(lines: readonly OcrLine[]): CardKind {
	const all = lines.map((l) => l.text.replace(/\s+/g, '')).join('\n');
	const front = FRONT.filter((k) => all.includes(k)).length;
	const back = BACK.filter((k) => all.includes(k)).length;
	if (front >= 2 && front > back) return 'id-front';
	if (back >= 2) return 'id-back';
	if (/\d{4}\s*\d{4}\s*\d{4}\s*\d{1,7}/.test(lines.map((l) => l.text).join('\n'))) return 'bank';
	return 'unknown';
}
