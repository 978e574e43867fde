/**
 * The fuzz's seed corpus: before the random draws, every operation is tried deterministically from
 * what its OpenAPI description names — each path parameter with every real value of its kind and
 * every bad value (`BAD_PATH_VALUES`), and the body schema filled completely, with only the
 * required fields, empty, with each text field hostile in turn, with each required field dropped
 * and with each field of the wrong type. All from a caller the route admits, so the requests get
 * past authentication to validation and the handler.
 */
import { HOSTILE_STRINGS, HOSTILE_VALUES } from './corpus.ts';
import type { Operation } from './operations.ts';
import { Prng } from './prng.ts';
import {
	admittedCallers,
	BAD_PATH_VALUES,
	fuzzRequest,
	knownPathValues,
	type FuzzRequest
} from './requests.ts';
import type { Target } from './target.ts';
import { setPath, stringPaths, validish, type JsonSchema } from './values.ts';

/** Bodies drawn from the schema: complete, required only, empty, then one probe per field. */
export function seedBodies(schema: JsonSchema, r: Prng): unknown[] {
	const full = validish(r, schema, 0, true);
	const bodies: unknown[] = [full, requiredOnly(schema, r), {}];
	stringPaths(full).forEach((path, i) =>
		bodies.push(setPath(full, path, HOSTILE_STRINGS[i % HOSTILE_STRINGS.length]!))
	);
	if (full && typeof full === 'object' && !Array.isArray(full)) {
		const keys = Object.keys(full);
		for (const [i, k] of keys.entries()) {
			if (schema.required?.includes(k)) {
				const dropped = { ...(full as Record<string, unknown>) };
				delete dropped[k];
				bodies.push(dropped);
			}
			bodies.push({ ...full, [k]: HOSTILE_VALUES[i % HOSTILE_VALUES.length] });
		}
	}
	return bodies;
}

function requiredOnly(schema: JsonSchema, r: Prng): unknown {
	if (schema.type !== 'object') return validish(r, schema);
	const out: Record<string, unknown> = {};
	for (const k of schema.required ?? [])
		out[k] = validish(r, schema.properties?.[k] ?? {}, 1, true);
	return out;
}

/**
 * The seed requests of one operation (deterministic for a given `seed`), each built only when
 * called: a seeded logout ends a session, and the next request must carry the renewed one.
 */
export function seedRequests(op: Operation, t: Target, seed: number): (() => FuzzRequest)[] {
	const r = new Prng(seed);
	const caller = admittedCallers(op)[0]!;
	const app = 0; // a draft (drafts first in the target)
	const own = t.apps[app]!.id;
	const known: Record<string, string> = {};
	for (const p of op.pathParams) known[p] = knownPathValues(t, p, own)[0]!;
	const out: (() => FuzzRequest)[] = [];
	const body = op.body && !op.tus ? { json: validish(r, op.body, 0, true) } : {};
	for (const p of op.pathParams) {
		const values = [...new Set([...knownPathValues(t, p, own), ...BAD_PATH_VALUES])];
		for (const v of values)
			out.push(() => fuzzRequest(r, op, t, { caller, app, params: { ...known, [p]: v }, ...body }));
	}
	if (op.body && !op.tus)
		for (const json of seedBodies(op.body, r))
			out.push(() => fuzzRequest(r, op, t, { caller, app, params: known, json }));
	if (out.length === 0)
		out.push(() => fuzzRequest(r, op, t, { caller, app, params: known, ...body }));
	if (op.access.kind === 'customer') {
		// The same with an application awaiting its witness (past the draft-only state checks).
		const waiting = t.apps.length - 1;
		const params: Record<string, string> = {};
		for (const p of op.pathParams) params[p] = knownPathValues(t, p, t.apps[waiting]!.id)[0]!;
		out.push(() => fuzzRequest(r, op, t, { caller, app: waiting, params, ...body }));
	}
	return out;
}

/** The whole seed corpus: every operation's seed requests, in operation order. */
export function seedCorpus(
	ops: readonly Operation[],
	t: Target,
	seed: number
): { op: Operation; req: () => FuzzRequest }[] {
	// Revoking a token locks its application's customer out of every later route: last.
	const ordered = [...ops].sort(
		(a, b) => Number(a.operationId === 'revokeToken') - Number(b.operationId === 'revokeToken')
	);
	return ordered.flatMap((op, i) =>
		seedRequests(op, t, (seed * 7919 + i) >>> 0).map((req) => ({ op, req }))
	);
}
