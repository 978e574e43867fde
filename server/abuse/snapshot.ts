/**
 * "Nothing stored half-way": a fingerprint of every table (row count and a hash of the rows) and of
 * every file under the intake directory, taken before and after a request the server rejected.
 */
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { sql } from 'kysely';
import type { Storage } from '../storage/index.ts';

export interface StateSnapshot {
	tables: Record<string, string>;
	files: Record<string, number>;
}

let tableNames: WeakMap<Storage, string[]> = new WeakMap();

async function tables(storage: Storage): Promise<string[]> {
	let names = tableNames.get(storage);
	if (!names) {
		names = (await storage.db.introspection.getTables()).map((t) => t.name).sort();
		tableNames.set(storage, names);
	}
	return names;
}

function listFiles(
	dir: string,
	root = dir,
	out: Record<string, number> = {}
): Record<string, number> {
	let entries;
	try {
		entries = readdirSync(dir, { withFileTypes: true });
	} catch {
		return out;
	}
	for (const e of entries) {
		const p = join(dir, e.name);
		if (e.isDirectory()) listFiles(p, root, out);
		else out[relative(root, p)] = statSync(p).size;
	}
	return out;
}

/** Fingerprints every table of `storage` and every file under `dir`. */
export async function snapshotState(storage: Storage, dir?: string): Promise<StateSnapshot> {
	const out: StateSnapshot = { tables: {}, files: dir ? listFiles(dir) : {} };
	for (const t of await tables(storage)) {
		const rows = await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(
			storage.db
		);
		const h = createHash('sha256');
		for (const row of rows.rows)
			h.update(JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));
		out.tables[t] = `${rows.rows.length}:${h.digest('hex').slice(0, 16)}`;
	}
	return out;
}

/** What differs between two snapshots: table names and `file:<path>` entries. */
export function changedBetween(a: StateSnapshot, b: StateSnapshot): string[] {
	const out: string[] = [];
	for (const t of new Set([...Object.keys(a.tables), ...Object.keys(b.tables)]))
		if (a.tables[t] !== b.tables[t]) out.push(t);
	for (const f of new Set([...Object.keys(a.files), ...Object.keys(b.files)]))
		if (a.files[f] !== b.files[f]) out.push(`file:${f}`);
	return out;
}

/** Forgets cached table lists (a test that migrates a database in place). */
export function resetSnapshotCache(): void {
	tableNames = new WeakMap();
}
