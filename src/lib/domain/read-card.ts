import {
	classifyCard,
	parseBankCard,
	parseIdBack,
	parseIdFront,
	type CardKind
} from './card-fields.ts';
import type { OcrLine } from './card-layout.ts';
import { checkBankCard, checkIdBack, checkIdFront, type Check } from './checks.ts';

/** Every field a card side can carry (the CLI's and the capture screen's field keys). */
export interface CardFields {
	name?: string;
	sex?: '男' | '女';
	ethnicity?: string;
	birth?: string;
	address?: string;
	idNumber?: string;
	authority?: string;
	validFrom?: string;
	validTo?: string;
	cardNumber?: string;
	bank?: string;
}

export interface CardReading {
	kind: CardKind;
	fields: CardFields;
	checks: Check[];
}

/**
 * From OCR lines to what the user (and the server) sees: which side this is, its fields, and
 * every cross-check. `now` is explicit so a reading is reproducible. `front`, the photo side's
 * fields when it was read first, lets the emblem side check its validity period against the
 * holder's age and settle a 签发机关 OCR read one character short.
 */
export function readCard(lines: OcrLine[], now: Date, front?: CardFields): CardReading {
	const kind = classifyCard(lines);
	switch (kind) {
		case 'id-front': {
			const fields = parseIdFront(lines);
			return { kind, fields, checks: checkIdFront(fields, now) };
		}
		case 'id-back': {
			const fields = parseIdBack(lines, front?.idNumber);
			return { kind, fields, checks: checkIdBack(fields, front, now) };
		}
		case 'bank': {
			const fields = parseBankCard(lines);
			return { kind, fields, checks: checkBankCard(fields) };
		}
		default:
			return { kind, fields: {}, checks: [] };
	}
}
