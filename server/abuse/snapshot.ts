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

let queries: WeakMap<Storage, string> = new WeakMap();

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * One statement that fingerprints every table: its row count and an aggregate of every row — on
 * PostgreSQL an md5 computed in the database (one round trip, no rows shipped), on SQLite the
 * rows' quoted columns concatenated (hashed here).
 */
async function fingerprintQuery(storage: Storage): Promise<string> {
	let q = queries.get(storage);
	if (!q) {
		const tables = (await storage.db.introspection.getTables()).sort((a, b) =>
			a.name < b.name ? -1 : 1
		);
		q = tables
			.map((t) => {
				const name = quote(t.name);
				const label = `'${t.name.replace(/'/g, "''")}'`;
				if (storage.kind === 'postgres')
					return `select ${label} as t, count(*)::text as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${name} x`;
				const cols = t.columns.map((c) => `quote(${quote(c.name)})`).join(" || ',' || ");
				return `select ${label} as t, count(*) as n, group_concat(${cols}, '|') as h from ${name}`;
			})
			.join(' union all ');
		queries.set(storage, q);
	}
	return q;
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
	const rows = await sql
		.raw<{ t: string; n: number | string; h: string | null }>(await fingerprintQuery(storage))
		.execute(storage.db);
	for (const r of rows.rows) {
		const h = createHash('sha256')
			.update(r.h ?? '')
			.digest('hex')
			.slice(0, 16);
		out.tables[r.t] = `${Number(r.n)}:${h}`;
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
	queries = new WeakMap();
}
