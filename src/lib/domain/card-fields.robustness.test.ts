/**
 * Seeded perturbations a real recogniser produces — jittered boxes, labels merged with values or
 * mis-read, digit look-alikes, full-width forms, shuffled order — must not change any field.
 */
import { describe, expect, it } from 'vitest';
import type { OcrLine } from './card-layout.ts';
import { classifyCard, parseBankCard, parseIdBack, parseIdFront } from './card-fields.ts';
import { createRng, type Rng } from './prng.ts';
import { syntheticIdentities } from './synthetic.ts';
import { bankCardLines, idBackLines, idFrontLines } from './synthetic-lines.ts';

const NOW = new Date('2026-11-23T04:00:00Z');
const PEOPLE = syntheticIdentities(7000, 200, { now: NOW });
const LABELS = ['姓名', '性别', '民族', '出生', '住址', '公民身份号码', '签发机关', '有效期限'];
const WRONG = [...'娃牲氏山往公签右'];
const LOOKALIKE: Record<string, string> = { '0': 'O', '1': 'l', '5': 'S', '8': 'B' };

function jitter(rng: Rng, l: OcrLine): OcrLine {
	const [x, y, w, h] = l.box;
	return { ...l, box: [x + rng.int(-12, 12), y + rng.int(-8, 8), w + rng.int(-8, 8), h] };
}

function misread(rng: Rng, text: string): string {
	if (!LABELS.includes(text) || !rng.chance(0.3)) return text;
	const i = rng.int(0, Math.min(1, text.length - 1));
	return text.slice(0, i) + rng.pick(WRONG) + text.slice(i + 1);
}

function digits(rng: Rng, text: string): string {
	let t = text;
	if (/^[\d\sX.\-长期]+$/.test(t) && rng.chance(0.4)) {
		const positions = [...t].map((c, i) => (LOOKALIKE[c] ? i : -1)).filter((i) => i >= 0);
		if (positions.length) {
			const i = rng.pick(positions);
			t = t.slice(0, i) + LOOKALIKE[t[i]!] + t.slice(i + 1);
		}
	}
	if (rng.chance(0.15))
		t = t.replace(/[-0-9A-Z.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
	if (rng.chance(0.3)) t = t.replace('-', rng.pick(['一', '—', '~']));
	return t;
}

/** Merges a label line with the value line right of it on the same row. */
function mergeLabels(rng: Rng, lines: OcrLine[]): OcrLine[] {
	const out = [...lines];
	for (let i = 0; i < out.length - 1; i++) {
		const [a, b] = [out[i]!, out[i + 1]!];
		if (LABELS.includes(a.text) && Math.abs(a.box[1] - b.box[1]) < 10 && rng.chance(0.3)) {
			const w = b.box[0] + b.box[2] - a.box[0];
			out.splice(i, 2, {
				text: a.text + b.text,
				box: [a.box[0], b.box[1], w, b.box[3]],
				score: 0.8
			});
		}
	}
	return out;
}

function perturb(rng: Rng, lines: OcrLine[]): OcrLine[] {
	const merged = mergeLabels(rng, lines);
	const noisy = merged.map((l) => jitter(rng, { ...l, text: digits(rng, misread(rng, l.text)) }));
	for (let i = noisy.length - 1; i > 0; i--) {
		const j = rng.int(0, i);
		[noisy[i], noisy[j]] = [noisy[j]!, noisy[i]!];
	}
	return noisy;
}

describe('card-field parsing under OCR noise', () => {
	it('keeps every field of 200 synthetic cards', () => {
		const rng = createRng(11);
		const errors: string[] = [];
		const compare = (what: string, got: object, want: object) => {
			for (const [k, v] of Object.entries(want)) {
				const g = (got as Record<string, unknown>)[k];
				if (g !== v) errors.push(`${what}.${k}: ${String(g)} ≠ ${String(v)}`);
			}
		};
		for (const p of PEOPLE) {
			const front = perturb(rng, idFrontLines(p));
			const back = perturb(rng, idBackLines(p));
			const bank = perturb(rng, bankCardLines(p.bank));
			compare('front', parseIdFront(front), {
				name: p.name,
				sex: p.sex,
				ethnicity: p.ethnicity,
				birth: p.birth,
				address: p.address,
				idNumber: p.idNumber
			});
			compare('back', parseIdBack(back), {
				authority: p.authority,
				validFrom: p.validFrom,
				validTo: p.validTo
			});
			compare('bank', parseBankCard(bank), { cardNumber: p.bank.cardNumber, bank: p.bank.bank });
			compare(
				'kind',
				[classifyCard(front), classifyCard(back), classifyCard(bank)],
				['id-front', 'id-back', 'bank']
			);
		}
		expect(errors).toEqual([]);
	});
});
