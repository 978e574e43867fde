/**
 * Test helper: a fast-check arbitrary for values matching an OpenAPI/JSON schema (the subset zod
 * emits), used by the fuzz test to reach past validation into handlers.
 */
import fc from 'fast-check';

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
	minLength?: number;
	maxLength?: number;
	minimum?: number;
	maximum?: number;
	nullable?: boolean;
}

export function arbitraryFor(s: JsonSchema): fc.Arbitrary<unknown> {
	const base = inner(s);
	return s.nullable ? fc.oneof(base, fc.constant(null)) : base;
}

function inner(s: JsonSchema): fc.Arbitrary<unknown> {
	if (s.enum) return fc.constantFrom(...s.enum);
	if (s.const !== undefined) return fc.constant(s.const);
	const alts = s.anyOf ?? s.oneOf;
	if (alts) return fc.oneof(...alts.map(arbitraryFor));
	switch (s.type) {
		case 'object': {
			const props = Object.fromEntries(
				Object.entries(s.properties ?? {}).map(([k, v]) => [k, arbitraryFor(v)])
			);
			return fc.record(props, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
		}
		case 'array':
			return fc.array(arbitraryFor(s.items ?? {}), { maxLength: 3 });
		case 'string':
			if (s.pattern)
				return fc.stringMatching(new RegExp(s.pattern)).map((x) => x.slice(0, s.maxLength ?? 500));
			return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 40) });
		case 'number':
		case 'integer':
			return fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true });
		case 'boolean':
			return fc.boolean();
		default:
			return fc.jsonValue({ maxDepth: 2 });
	}
}
