/**
 * The append-only, hash-chained audit log of staff decisions and data access. Each row stores the
 * previous row's hash and `sha256(prev_hash + canonicalJson(row))`; editing, deleting or reordering
 * a row breaks the chain, which {@link verifyAuditChain} reports. `prev_hash` is unique, so two
 * concurrent appends cannot both extend the same row: the loser retries on the new head.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.ts';
import { canonicalJson } from './canonical.ts';

/** The hash before the first row. */
export const GENESIS = '0'.repeat(64);

export interface AuditEntry {
	/** `staff:<id>`, `customer:<applicationId>` or `system`. */
	actor: string;
	/** e.g. `application.decide`, `application.view`, `staff.create`. */
	action: string;
	/** What was acted on, e.g. an application id. Never a name or an ID number. */
	subject: string;
	/** Non-PII facts about the action (decision, reason, result code). */
	detail?: Record<string, unknown>;
}

interface Row {
	seq: number;
	at: string;
	actor: string;
	action: string;
	subject: string;
	detail: string;
	prev_hash: string;
}

/** Hash of a row given its fields (detail as stored text). */
export function rowHash(row: Row): string {
	const { prev_hash, ...fields } = row;
	return createHash('sha256').update(prev_hash).update(canonicalJson(fields)).digest('hex');
}

/** Appends one entry; returns its sequence number. */
export async function appendAudit(db: Kysely<Database>, entry: AuditEntry): Promise<number> {
	for (let attempt = 0; ; attempt++) {
		const head = await db
			.selectFrom('audit_log')
			.select(['seq', 'hash'])
			.orderBy('seq', 'desc')
			.limit(1)
			.executeTakeFirst();
		const row: Row = {
			seq: (head?.seq ?? 0) + 1,
			at: new Date().toISOString(),
			actor: entry.actor,
			action: entry.action,
			subject: entry.subject,
			detail: canonicalJson(entry.detail ?? {}),
			prev_hash: head?.hash ?? GENESIS
		};
		try {
			await db
				.insertInto('audit_log')
				.values({ ...row, hash: rowHash(row) })
				.execute();
			return row.seq;
		} catch (err) {
			// Another writer extended the same head (unique seq/prev_hash): retry on the new head.
			if (attempt >= 20) throw err;
		}
	}
}

export type AuditVerdict =
	| { ok: true; rows: number }
	| { ok: false; rows: number; badSeq: number; problem: 'hash' | 'link' | 'gap' };

/** Walks the chain in order and names the first row whose hash or link does not hold. */
export async function verifyAuditChain(db: Kysely<Database>): Promise<AuditVerdict> {
	let prev = GENESIS;
	let expectedSeq = 1;
	let rows = 0;
	const PAGE = 1000;
	for (;;) {
		const page = await db
			.selectFrom('audit_log')
			.selectAll()
			.where('seq', '>=', expectedSeq)
			.orderBy('seq')
			.limit(PAGE)
			.execute();
		for (const r of page) {
			const seq = Number(r.seq);
			if (seq !== expectedSeq) return { ok: false, rows, badSeq: expectedSeq, problem: 'gap' };
			if (r.prev_hash !== prev) return { ok: false, rows, badSeq: seq, problem: 'link' };
			const { hash, ...fields } = r;
			if (rowHash({ ...fields, seq }) !== hash)
				return { ok: false, rows, badSeq: seq, problem: 'hash' };
			prev = hash;
			expectedSeq++;
			rows++;
		}
		if (page.length < PAGE) return { ok: true, rows };
	}
}
