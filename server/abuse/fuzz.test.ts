/**
 * The fuzz in CI: every OpenAPI operation plus the intake routes (records, blobs, tus), driven with
 * schema-shaped, mutated, hostile and malformed requests as every kind of caller, on SQLite and on
 * PostgreSQL. No 5xx; every error in the one shape; every rejected request leaves every table and
 * the blob store as they were. A failure names `(seed, index)`, which reproduces that request
 * (`npm run bench:abuse` runs the same fuzzer at 10 000 requests).
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../storage/index.ts';
import { backends } from '../storage/test-databases.ts';
import { fuzzOperations, runFuzz, type FuzzStats } from './fuzz.ts';
import { abuseTarget, type Target } from './target.ts';

const SEED = 2026;
const PER_BACKEND = 1100;
const volume: Record<string, FuzzStats> = {};

describe.each(backends())('fuzz of every operation on $kind', ({ kind, open }) => {
	let storage: Storage;
	let t: Target;
	beforeAll(async () => {
		storage = await open();
		t = await abuseTarget(storage);
	}, 60_000);
	afterAll(async () => {
		await storage.close();
		rmSync(t.dir, { recursive: true, force: true });
	});

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
		expect(ops.length).toBeGreaterThanOrEqual(55);
		for (const op of ops)
			expect(stats.byOperation[op.operationId], op.operationId).toBeGreaterThanOrEqual(15);
		// The fuzz reaches past validation: successes and many kinds of refusal, not one wall.
		const statuses = Object.keys(stats.byStatus).map(Number);
		expect(statuses.some((s) => s >= 200 && s < 300)).toBe(true);
		for (const s of [400, 401, 403, 404, 413, 415]) expect(statuses).toContain(s);
	}, 150_000);
});

describe('fuzz volume', () => {
	it('drove ≥ 2 000 requests across SQLite and PostgreSQL', () => {
		expect(backends().map((b) => b.kind)).toEqual(['sqlite', 'postgres']);
		const total = Object.values(volume).reduce((n, s) => n + s.requests, 0);
		expect(total).toBeGreaterThanOrEqual(2000);
	});
});
