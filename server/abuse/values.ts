/**
 * Values from an OpenAPI / JSON schema (the subset zod 4 emits): valid-ish ones that pass
 * validation often enough to reach handlers, and mutations of them that probe the edges (hostile
 * strings in every text field, wrong types, dropped or extra keys, out-of-range numbers).
 */
import { HOSTILE_STRINGS, HOSTILE_VALUES } from './corpus.ts';
import type { Prng } from './prng.ts';

export interface JsonSchema {
	type?: string;
	enum?: unknown[];
	const?: unknown;
	anyOf?: JsonSchema[];
	oneOf?: JsonSchema[];
	properties?: Record<string, JsonSchema>;
	required?: string[];
	items?: JsonSchema;
	pattern?: string;
	format?: string;
	minLength?: number;
	maxLength?: number;
	minItems?: number;
	maxItems?: number;
	minimum?: number;
	maximum?: number;
	nullable?: boolean;
}

/** Strings that match the patterns the API uses, keyed by the pattern's source. */
const PATTERN_SAMPLES: [RegExp, (r: Prng) => string][] = [
	[
		/\\d\{17\}/,
		(r) => `11010119${r.int(60, 99)}0${r.int(1, 9)}1${r.int(0, 2)}${r.string(4, '0123456789')}`
	],
	[/\^1\\d\{10\}/, (r) => `13${r.string(9, '0123456789')}`],
	[/\\d\{4\}-\\d\{2\}/, (r) => `20${r.int(10, 40)}-0${r.int(1, 9)}-1${r.int(0, 9)}`],
	[/\\d\{16,19\}/, (r) => `62284804025648${r.string(5, '0123456789')}`],
	[/Script=Han/, (r) => r.pick(['张三', '李四', '王小明', 'Li Lei'])],
	[/a-z0-9\._-/, (r) => r.string(r.int(3, 12), 'abcdefghijklmnopqrstuvwxyz0123456789')],
	[/A-Za-z0-9\+\//, (r) => Buffer.from(r.string(r.int(4, 60))).toString('base64')]
];

function patternString(r: Prng, pattern: string): string {
	for (const [re, make] of PATTERN_SAMPLES) if (re.test(pattern)) return make(r);
	return r.string(r.int(1, 16));
}

/**
 * A value that matches `s` where the generator can tell how; `all` fills every optional property
 * too (to reach every text field).
 */
export function validish(r: Prng, s: JsonSchema, depth = 0, all = false): unknown {
	if (s.nullable && r.chance(0.1)) return null;
	if (s.enum) return r.pick(s.enum);
	if (s.const !== undefined) return s.const;
	const alts = s.anyOf ?? s.oneOf;
	if (alts?.length) return validish(r, r.pick(alts), depth, all);
	switch (s.type) {
		case 'object': {
			const out: Record<string, unknown> = {};
			for (const [k, v] of Object.entries(s.properties ?? {}))
				if (all || s.required?.includes(k) || r.chance(0.5))
					out[k] = validish(r, v, depth + 1, all);
			return out;
		}
		case 'array': {
			const n = r.int(s.minItems ?? 0, Math.min(s.maxItems ?? 3, (s.minItems ?? 0) + 3));
			return Array.from({ length: all ? Math.max(n, 1) : n }, () =>
				validish(r, s.items ?? {}, depth + 1, all)
			);
		}
		case 'string': {
			if (s.format === 'uuid') return r.uuid();
			if (s.format === 'date-time') return new Date(r.int(0, 2e12)).toISOString();
			if (s.format === 'uri') return `https://push.example.invalid/${r.string(8)}`;
			if (s.pattern) return patternString(r, s.pattern);
			const min = s.minLength ?? 0;
			return r.string(r.int(min, Math.max(min, Math.min(s.maxLength ?? 24, min + 24))));
		}
		case 'integer':
			return r.int(Math.max(s.minimum ?? 0, -1e6), Math.min(s.maximum ?? 100, 1e6));
		case 'number': {
			const lo = s.minimum ?? 0;
			const hi = s.maximum ?? 1000;
			return lo + r.next() * (hi - lo);
		}
		case 'boolean':
			return r.chance(0.5);
		default:
			return depth > 2 ? null : r.pick(HOSTILE_VALUES);
	}
}

/**
 * A mutation of `value`: every string leaf replaced by a hostile string with probability `p`,
 * plus at most one structural change (drop a key, add a key, wrong type).
 */
export function mutate(r: Prng, value: unknown, p = 0.3): unknown {
	const leaves = (v: unknown): unknown => {
		if (typeof v === 'string') return r.chance(p) ? r.pick(HOSTILE_STRINGS) : v;
		if (typeof v === 'number') return r.chance(p / 2) ? r.pick([-1, 1e308, 0.5, -0, 2 ** 53]) : v;
		if (Array.isArray(v)) return v.map(leaves);
		if (v && typeof v === 'object')
			return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, leaves(x)]));
		return v;
	};
	const out = leaves(value);
	if (!out || typeof out !== 'object' || Array.isArray(out)) return out;
	const obj = out as Record<string, unknown>;
	const keys = Object.keys(obj);
	switch (r.int(0, 4)) {
		case 0:
			if (keys.length) delete obj[r.pick(keys)];
			break;
		case 1:
			obj[r.pick(['__proto__', 'constructor', 'role', 'state', 'id', r.string(6)])] =
				r.pick(HOSTILE_VALUES);
			break;
		case 2:
			if (keys.length) obj[r.pick(keys)] = r.pick(HOSTILE_VALUES);
			break;
		default:
	}
	return obj;
}

/** Every string field of a value, as dotted paths (for "injection in every text field"). */
export function stringPaths(value: unknown, prefix = ''): string[] {
	if (typeof value === 'string') return [prefix];
	if (Array.isArray(value))
		return value.flatMap((v, i) => stringPaths(v, `${prefix}${prefix ? '.' : ''}${i}`));
	if (value && typeof value === 'object')
		return Object.entries(value).flatMap(([k, v]) =>
			stringPaths(v, `${prefix}${prefix ? '.' : ''}${k}`)
		);
	return [];
}

/** A deep copy of `value` with the string at `path` replaced. */
export function setPath(value: unknown, path: string, to: string): unknown {
	const copy = structuredClone(value) as Record<string, unknown>;
	const parts = path.split('.');
	let at: Record<string, unknown> = copy;
	for (const p of parts.slice(0, -1)) at = at[p] as Record<string, unknown>;
	at[parts[parts.length - 1]!] = to;
	return copy;
}
