/**
 * Fuzz: drives every operation in `GET /api/openapi.json` with schema-shaped, mutated, random and
 * malformed bodies as every kind of caller. No request may produce a 5xx, and every 4xx must use
 * the one error shape. Runs on SQLite and on PostgreSQL: ≥ 1 000 requests each, ≥ 2 000 in all.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arbitraryFor, type JsonSchema } from './http/json-schema-arbitrary.ts';
import type { Storage } from './storage/index.ts';
import { backends } from './storage/test-databases.ts';
import { harness, type Harness, type Session } from './testing/harness.ts';

interface Operation {
	method: string;
	path: string;
	operationId: string;
	body?: JsonSchema;
}

const RUNS_PER_OPERATION = 50;
let totalRequests = 0;

describe.each(backends())('fuzz every OpenAPI operation on $kind', ({ open }) => {
	let storage: Storage;
	let h: Harness;
	let ops: Operation[] = [];
	const sessions = {} as Record<'agent' | 'reviewer' | 'admin', Session>;
	let apps: { id: string; token: string }[] = [];
	let requests = 0;
	const stats = new Map<string, number>();
	beforeAll(async () => {
		storage = await open();
		h = await harness(storage);
		for (const role of ['agent', 'reviewer', 'admin'] as const)
			sessions[role] = await h.login(`${role}1`);
		apps = await Promise.all(Array.from({ length: 6 }, () => h.newApplication()));
		const doc = (await (await h.app.request('/api/openapi.json')).json()) as {
			paths: Record<
				string,
				Record<
					string,
					{ operationId: string; requestBody?: { content: Record<string, { schema: JsonSchema }> } }
				>
			>;
		};
		for (const [path, methods] of Object.entries(doc.paths))
			for (const [method, op] of Object.entries(methods))
				ops.push({
					method,
					path,
					operationId: op.operationId,
					body: op.requestBody?.content['application/json']?.schema
				});
	}, 60_000);
	afterAll(async () => {
		await storage.close();
	});

	it('the document covers at least the known operations', () => {
		expect(ops.length).toBeGreaterThanOrEqual(17);
		ops = ops.filter(Boolean);
	});

	const caller = fc.constantFrom('anonymous', 'customer', 'agent', 'reviewer', 'admin');
	const malformed = fc.oneof(
		fc.constant('{'),
		fc.constant(''),
		fc.string({ maxLength: 60 }),
		fc.constant('{"applicant": {"name": "\u0000"}}'),
		fc.constant('[]'),
		fc.constant('null'),
		fc.constant('1e999')
	);

	it('never answers 5xx, and every 4xx uses the error shape', async () => {
		for (const op of ops) {
			const shaped = op.body ? arbitraryFor(op.body) : fc.constant(undefined);
			const mutated = op.body
				? fc
						.tuple(
							arbitraryFor(op.body),
							fc.string({ maxLength: 12 }),
							fc.jsonValue({ maxDepth: 2 })
						)
						.map(([v, k, x]) =>
							v && typeof v === 'object' && !Array.isArray(v) ? { ...(v as object), [k]: x } : x
						)
				: fc.constant(undefined);
			const body = fc.oneof(
				{
					weight: 4,
					arbitrary: shaped.map((v) => (v === undefined ? undefined : JSON.stringify(v)))
				},
				{
					weight: 2,
					arbitrary: mutated.map((v) => (v === undefined ? undefined : JSON.stringify(v)))
				},
				{ weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
				{ weight: 1, arbitrary: malformed }
			);
			const pathId = fc.oneof(
				{
					weight: 4,
					arbitrary: fc.integer({ min: 0, max: apps.length - 1 }).map((i) => apps[i]?.id ?? '')
				},
				{
					weight: 1,
					arbitrary: fc.string({ minLength: 1, maxLength: 120 }).map(encodeURIComponent)
				}
			);
			await fc.assert(
				fc.asyncProperty(
					caller,
					body,
					pathId,
					fc.integer({ min: 0, max: apps.length - 1 }),
					fc.option(fc.string({ maxLength: 140 })),
					async (who, raw, id, appIndex, idemKey) => {
						if (op.method === 'get') raw = undefined;
						const headers: Record<string, string> = {};
						if (raw !== undefined) headers['content-type'] = 'application/json';
						if (idemKey !== null) headers['idempotency-key'] = idemKey;
						const app = apps[appIndex];
						if (who === 'customer' && app) headers.authorization = `Bearer ${app.token}`;
						if (who === 'agent' || who === 'reviewer' || who === 'admin') {
							headers.cookie = sessions[who].cookie;
							headers['x-csrf-token'] = sessions[who].csrf;
						}
						const path = op.path.replace(
							'{id}',
							who === 'customer' && app && id.length === 36 ? app.id : id
						);
						const res = await h.app.request(path, {
							method: op.method.toUpperCase(),
							headers,
							body: raw
						});
						requests++;
						const key = `${op.operationId} ${res.status}`;
						stats.set(key, (stats.get(key) ?? 0) + 1);
						if (
							op.operationId === 'logout' &&
							res.status === 200 &&
							who !== 'anonymous' &&
							who !== 'customer'
						)
							sessions[who] = await h.login(`${who}1`);
						expect(res.status, `${op.method} ${path}`).toBeLessThan(500);
						if (res.status >= 400) {
							const json = (await res.json()) as { error?: { code?: unknown; message?: unknown } };
							expect(typeof json.error?.code).toBe('string');
							expect(typeof json.error?.message).toBe('string');
						}
					}
				),
				{ numRuns: RUNS_PER_OPERATION, seed: 6 }
			);
		}
		if (process.env.FUZZ_STATS)
			console.log(
				[...stats]
					.sort()
					.map(([k, n]) => `${k}: ${n}`)
					.join('\n')
			);
		totalRequests += requests;
		expect(requests).toBeGreaterThanOrEqual(1000);
	}, 180_000);
});

describe('fuzz volume', () => {
	it('drove ≥ 2 000 requests across both databases', () => {
		expect(backends().length).toBe(2);
		expect(totalRequests).toBeGreaterThanOrEqual(2000);
	});
});
