/**
 * Group commit for `intake_records`: the inserts that arrive in the same turn of the event loop
 * go to the database as one multi-row `INSERT … ON CONFLICT DO NOTHING RETURNING`, which is one
 * transaction — one WAL fsync on SQLite (`synchronous = FULL`, see `server/README.md`), one round
 * trip and one commit flush on PostgreSQL — instead of one each.
 *
 * Durability stays what it was: every caller's promise settles only after the statement that
 * holds its row has returned, i.e. after the commit; nobody is answered 201 for a row still in a
 * queue. The SQL for each batch size is built and compiled by Kysely once (values as parameters),
 * so a request pays no query building or compiling.
 *
 * A batch that fails is retried row by row, so one bad row (a value PostgreSQL refuses) fails only
 * its own request.
 */
import type { CompiledQuery, Kysely } from 'kysely';
import type { Database } from '../storage/index.ts';
import type { IntakeRecordsTable } from '../storage/schema.ts';

/** Rows per statement: 7 parameters each, far below either engine's parameter limit. */
export const MAX_BATCH = 32;

const COLUMNS = [
	'id',
	'idempotency_key',
	'payload_hash',
	'kind',
	'payload',
	'blobs',
	'received_at'
] as const satisfies readonly (keyof IntakeRecordsTable)[];

/** Prefix of the placeholder values the statement is compiled with (no real value starts so). */
const MARKER = '\u0001kaihu-slot:';

interface Pending {
	row: IntakeRecordsTable;
	resolve: (inserted: boolean) => void;
	reject: (err: unknown) => void;
}

interface Prepared {
	query: CompiledQuery;
	/** For each parameter of `query`: which row and column it takes. */
	slots: { row: number; column: (typeof COLUMNS)[number] }[];
}

export class RecordInserter {
	private queue: Pending[] = [];
	private scheduled = false;
	private readonly prepared = new Map<number, Prepared>();

	constructor(private readonly db: Kysely<Database>) {}

	/**
	 * Inserts `row` unless its id or idempotency key is taken. Resolves `true` once the row is
	 * committed, `false` when another row (stored earlier, or earlier in the same batch) holds
	 * its id or key.
	 */
	insert(row: IntakeRecordsTable): Promise<boolean> {
		return new Promise((resolve, reject) => {
			this.queue.push({ row, resolve, reject });
			if (this.scheduled) return;
			this.scheduled = true;
			// After the poll phase: every request that arrived in this turn has queued its row.
			setImmediate(() => void this.flush());
		});
	}

	private async flush(): Promise<void> {
		this.scheduled = false;
		const all = this.queue;
		this.queue = [];
		const batches: Pending[][] = [];
		for (let i = 0; i < all.length; i += MAX_BATCH) batches.push(all.slice(i, i + MAX_BATCH));
		await Promise.all(batches.map((b) => this.run(b)));
	}

	private async run(batch: Pending[]): Promise<void> {
		let returned: { id: string; idempotency_key: string }[];
		try {
			returned = await this.execute(batch.map((p) => p.row));
		} catch (err) {
			if (batch.length === 1) return void batch[0]!.reject(err);
			// Row by row: only a row the database refuses fails, with its own error.
			await Promise.all(batch.map((p) => this.run([p])));
			return;
		}
		// A row of the batch whose id or key was taken by an earlier row of the same batch is not
		// returned; of identical rows only the first (in VALUES order, the order they came in) is.
		const left = new Set(returned.map((r) => `${r.id}\0${r.idempotency_key}`));
		for (const p of batch) p.resolve(left.delete(`${p.row.id}\0${p.row.idempotency_key}`));
	}

	private async execute(rows: IntakeRecordsTable[]) {
		const { query, slots } = this.statement(rows.length);
		const parameters = slots.map((s) => rows[s.row]![s.column]);
		const result = await this.db.executeQuery<{ id: string; idempotency_key: string }>({
			...query,
			parameters
		});
		return result.rows;
	}

	/** The statement for `n` rows, compiled once; its parameters located by marker values. */
	private statement(n: number): Prepared {
		const hit = this.prepared.get(n);
		if (hit) return hit;
		const marker = (row: number, column: string) => `${MARKER}${row}:${column}`;
		const values = Array.from({ length: n }, (_, row) =>
			Object.fromEntries(COLUMNS.map((c) => [c, marker(row, c)]))
		) as unknown as IntakeRecordsTable[];
		const query = this.db
			.insertInto('intake_records')
			.values(values)
			.onConflict((oc) => oc.doNothing())
			.returning(['id', 'idempotency_key'])
			.compile();
		const slots = query.parameters.map((p) => {
			const slot = typeof p === 'string' && p.startsWith(MARKER) ? p.slice(MARKER.length) : '';
			const m = /^(\d+):(\w+)$/.exec(slot);
			if (!m) throw new Error(`unexpected parameter in the intake insert: ${String(p)}`);
			return { row: Number(m[1]), column: m[2] as (typeof COLUMNS)[number] };
		});
		const prepared = { query, slots };
		this.prepared.set(n, prepared);
		return prepared;
	}
}

const inserters = new WeakMap<Kysely<Database>, RecordInserter>();

/** The one inserter of a database handle (batches only group within one handle). */
export function recordInserter(db: Kysely<Database>): RecordInserter {
	let inserter = inserters.get(db);
	if (!inserter) {
		inserter = new RecordInserter(db);
		inserters.set(db, inserter);
	}
	return inserter;
}
