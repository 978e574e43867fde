/**
 * The fuzz in CI: every OpenAPI operation plus the intake routes (records, blobs, tus), first the
 * seed corpus (every path parameter with every known and bad value, every body schema filled,
 * emptied and probed field by field: `seeds.ts`), then schema-shaped, mutated, hostile and
 * malformed requests as every kind of caller, on SQLite and on PostgreSQL, and once over a real
 * socket (a dropped connection fails too). No 5xx; every error in the one shape; every rejected request leaves every table and
 * the blob store as they were. A failure names `(seed, index)`, which reproduces that request
 * (`npm run bench:abuse` runs the same fuzzer at 10 000 requests).
 */
import { describe, expect, it } from 'vitest';
import { backends } from '../storage/test-databases.ts';
import { fuzzOperations, runFuzz, type FuzzStats } from './fuzz.ts';
import { serveTarget } from './http.ts';
import { seedCorpus } from './seeds.ts';
import { abuseSuite } from './suite.ts';

const SEED = 2026;
const PER_BACKEND = 1100;
const volume: Record<string, FuzzStats> = {};

describe.each(backends())('fuzz of every operation on $kind', ({ kind, open }) => {
	const t = abuseSuite(open);

	it(`${PER_BACKEND} requests: no 5xx, one error shape, nothing stored on rejection`, async () => {
		const stats = await runFuzz(t, {
			requests: PER_BACKEND,
			seed: SEED,
			// Half of the rejections are checked for stored state (each check reads every table).
			checkRejections: 0.5
		});
		volume[kind] = stats;
		expect(stats.violations).toEqual([]);
		expect(stats.fiveXx).toBe(0);
		const ops = await fuzzOperations(t);
		// The seed corpus covers every path parameter of every operation and every body schema.
		expect(stats.seeded).toBe(seedCorpus(ops, t, SEED).length);
		expect(stats.requests).toBe(stats.seeded + PER_BACKEND);
		for (const op of ops) {
			const seeds = seedCorpus([op], t, SEED).length;
			expect(seeds, op.operationId).toBeGreaterThanOrEqual(
				op.pathParams.length * 10 + (op.body && !op.tus ? 3 : 0) || 1
			);
		}
		expect(ops.length).toBeGreaterThanOrEqual(55);
		for (const op of ops)
			expect(stats.byOperation[op.operationId], op.operationId).toBeGreaterThanOrEqual(15);
		// The fuzz reaches past validation: successes and many kinds of refusal, not one wall.
		const statuses = Object.keys(stats.byStatus).map(Number);
		expect(statuses.some((s) => s >= 200 && s < 300)).toBe(true);
		for (const s of [400, 401, 403, 404, 413, 415]) expect(statuses).toContain(s);
	}, 150_000);

	it.runIf(kind === 'sqlite')(
		'over a real socket: the seed corpus and 300 random requests, none dropped or 5xx',
		async () => {
			const http = await serveTarget(t);
			try {
				const stats = await runFuzz(t, { requests: 300, seed: SEED + 1, origin: http.origin });
				expect(stats.violations).toEqual([]);
				expect(stats.dropped).toBe(0);
				expect(stats.fiveXx).toBe(0);
			} finally {
				await http.close();
			}
		},
		150_000
	);
});

describe('fuzz volume', () => {
	it('drove ≥ 2 000 requests across SQLite and PostgreSQL', () => {
		expect(backends().map((b) => b.kind)).toEqual(['sqlite', 'postgres']);
		const total = Object.values(volume).reduce((n, s) => n + s.requests, 0);
		expect(total).toBeGreaterThanOrEqual(2000);
	});
});
