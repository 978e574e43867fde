/**
 * Redaction of log entries, applied to every line the server writes (`./log.ts`), so a careless
 * log call, an error message or a stack trace cannot put a customer's data in the logs:
 * - values under sensitive keys (phone, ID number, card, address, secrets, images…) are replaced;
 * - in every string, runs of 11 or more digits (mobile and ID numbers, bank cards, `+86…`) keep
 *   their last 4 digits only, and Chinese characters (names, addresses) are masked.
 * Log messages are English; Chinese text in a log line can only be data or a bilingual message.
 */

export const REDACTED = '[redacted]';

/** Keys whose values never reach a log, compared lower-case without `_`/`-`. */
const SENSITIVE_KEYS = new Set([
	'fullname',
	'customername',
	'applicantname',
	'applicant',
	'idnumber',
	'idno',
	'idcard',
	'phone',
	'mobile',
	'tel',
	'bankcard',
	'cardnumber',
	'card',
	'address',
	'birthdate',
	'pii',
	'signature',
	'image',
	'photo',
	'framejpeg',
	'clip',
	'password',
	'token',
	'csrftoken',
	'secret',
	'authorization',
	'cookie'
]);

/**
 * A UUID (kept whole: ids are not PII), or a standalone run of ≥ 11 digits, optionally
 * `+`-prefixed, grouped by spaces or dashes, or ending in X.
 */
const LONG_NUMBER =
	/(?<![0-9A-Za-z])(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\+?\d(?:[ -]?\d){10,}[Xx]?)(?![0-9A-Za-z])/gi;
const UUID = /^[0-9a-f]{8}-/i;
/** Han characters (CJK unified ideographs and extension A). */
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff]/g;

/** Keeps the last 4 digits (or the check character) of a number: `13800138000` → `*******8000`. */
export function maskNumber(value: string): string {
	const chars = value.replace(/[ +-]/g, '');
	return '*'.repeat(Math.max(0, chars.length - 4)) + chars.slice(-4);
}

/** A string with long numbers and Chinese characters masked. */
export function scrubText(text: string): string {
	// Most log text (levels, messages, methods, route patterns) holds neither: no regex runs.
	if (!MAY_HOLD_DATA.test(text)) return text;
	return text.replace(LONG_NUMBER, (m) => (UUID.test(m) ? m : maskNumber(m))).replace(HAN, '*');
}

/** What every long number and every Han character contains: a digit or a Han character. */
const MAY_HOLD_DATA = /[0-9\u3400-\u4dbf\u4e00-\u9fff]/;

// Keys are mostly the same few names (`level`, `msg`, `route` …): their verdict is kept, bounded
// in case a caller logs an object keyed by data.
const keyVerdicts = new Map<string, boolean>();

function isSensitiveKey(key: string): boolean {
	let verdict = keyVerdicts.get(key);
	if (verdict === undefined) {
		verdict = SENSITIVE_KEYS.has(key.toLowerCase().replace(/[_-]/g, ''));
		if (keyVerdicts.size >= 1024) keyVerdicts.clear();
		keyVerdicts.set(key, verdict);
	}
	return verdict;
}

/** A copy of `value` fit for a log line. Errors become `{ error, stack }` (scrubbed). */
export function redact(value: unknown, depth = 0): unknown {
	if (typeof value === 'string') return scrubText(value);
	if (value === null || typeof value !== 'object') return value;
	if (depth > 8) return REDACTED;
	if (value instanceof Error) return { error: value.name, stack: scrubText(value.stack ?? '') };
	if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(value)) {
		out[k] = isSensitiveKey(k) && v !== null && v !== undefined ? REDACTED : redact(v, depth + 1);
	}
	return out;
}
