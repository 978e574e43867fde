/**
 * The chaos bench's verdict, read from both ends after the run: the server's database (SQLite or
 * PostgreSQL, through `server/storage`), its blob store (every file re-hashed) and the device's
 * IndexedDB. Counts lost and duplicated applications, records and blobs; says why in `problems`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseKey, PiiCipher } from '../../../server/security/pii.ts';
import { readRecordBlobs } from '../../../server/intake/record-blobs.ts';
import { readRecordPayload } from '../../../server/intake/record-payload.ts';
import { openStorage } from '../../../server/storage/index.ts';
import type { Device } from './chaos-device.ts';

export interface Target {
	dataDir: string;
	databaseUrl?: string | undefined;
	dataKey: string;
}

/** What the device knows it did in one cycle. */
export interface Expected {
	id: string;
	token: string;
	sha256: string;
	bytes: number;
	state: string;
}

export interface Verdict {
	submitted: number;
	lostApplications: number;
	duplicatedApplications: number;
	/** Drafts whose create answer never reached the device (no PII; they expire with the token). */
	orphanDrafts: number;
	lostRecords: number;
	duplicatedRecords: number;
	lostBlobs: number;
	duplicatedBlobs: number;
	/** Blobs whose stored file and database row both hashed to the expected sha256. */
	blobsVerified: number;
	/** Signature + form PDF rows decrypted and re-hashed against the database's sha256. */
	appFilesVerified: number;
	partialUploadsLeft: number;
	/** Unsent outbox rows and outbox chunks left on the device after settling. */
	deviceLeftovers: number;
	/** Drafts a reload cut short before they reached the outbox (sealed; the user saves again). */
	abandonedDrafts: number;
	problems: string[];
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Deletes the create throttle's events (the bench is one client on one address). */
export async function clearCreateThrottle(t: Target): Promise<void> {
	const s = await openStorage(t);
	try {
		await s.db.deleteFrom('throttle_events').where('scope', '=', 'create').execute();
	} finally {
		await s.close();
	}
}

function files(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((e) => e.isFile())
		.map((e) => join(e.parentPath, e.name));
}

export async function verify(t: Target, device: Device, expected: Expected[]): Promise<Verdict> {
	const v: Verdict = {
		submitted: 0,
		lostApplications: 0,
		duplicatedApplications: 0,
		orphanDrafts: 0,
		lostRecords: 0,
		duplicatedRecords: 0,
		lostBlobs: 0,
		duplicatedBlobs: 0,
		blobsVerified: 0,
		appFilesVerified: 0,
		partialUploadsLeft: 0,
		deviceLeftovers: 0,
		abandonedDrafts: 0,
		problems: []
	};
	const fail = (what: keyof Verdict, why: string) => {
		(v[what] as number)++;
		if (v.problems.length < 50) v.problems.push(why);
	};
	const cipher = new PiiCipher(parseKey(t.dataKey, 'KAIHU_DATA_KEY'));
	const known = new Map(expected.map((e) => [e.id, e]));
	const s = await openStorage(t);
	try {
		// The submissions' jobs (form PDF, face re-check) run after the answers, and retry with
		// backoff after a fault: let the server finish them before counting PDFs.
		for (let waited = 0; waited < 120_000; waited += 250) {
			const open = await s.db
				.selectFrom('jobs')
				.select('id')
				.where('state', 'in', ['queued', 'running'])
				.execute();
			if (!open.length) break;
			await new Promise((r) => setTimeout(r, 250));
		}
		const jobs = await s.db.selectFrom('jobs').select('application_id').execute();
		const apps = await s.db
			.selectFrom('applications')
			.select(['id', 'state', 'form_sha256'])
			.execute();
		for (const a of apps) {
			if (known.has(a.id)) continue;
			if (a.state === 'draft') v.orphanDrafts++;
			else fail('duplicatedApplications', `submitted application ${a.id} unknown to the device`);
		}
		const byId = new Map(apps.map((a) => [a.id, a]));
		const fileRows = await s.db.selectFrom('app_files').selectAll().execute();
		const idem = await s.db.selectFrom('idempotency').select('application_id').execute();
		const audits = await s.db
			.selectFrom('audit_log')
			.select('subject')
			.where('action', '=', 'application.submit')
			.execute();
		for (const e of expected) {
			const a = byId.get(e.id);
			if (!a || a.state === 'draft') {
				fail('lostApplications', `application ${e.id} not submitted (${a?.state ?? 'missing'})`);
				continue;
			}
			v.submitted++;
			const mine = fileRows.filter((f) => f.application_id === e.id);
			const n = (xs: { subject?: string; application_id?: string }[]) =>
				xs.filter((x) => (x.subject ?? x.application_id) === e.id).length;
			const sig = mine.filter((f) => f.kind === 'signature');
			const pdf = mine.filter((f) => f.kind === 'form_pdf');
			if (n(idem) !== 1 || n(audits) !== 1 || n(jobs) !== 1 || sig.length !== 1 || pdf.length !== 1)
				fail(
					'duplicatedApplications',
					`application ${e.id}: ${n(idem)} stored submits, ${n(audits)} audit entries, ` +
						`${n(jobs)} jobs, ${sig.length} signatures, ${pdf.length} PDFs`
				);
			for (const f of [...sig, ...pdf]) {
				const plain = f.data ? cipher.decryptBytes(f.data) : Buffer.alloc(0);
				const ok = sha(plain) === f.sha256 && (f.kind !== 'form_pdf' || f.sha256 === a.form_sha256);
				if (ok) v.appFilesVerified++;
				else fail('lostApplications', `application ${e.id}: ${f.kind} does not hash to its row`);
			}
		}
		const records = (await s.db.selectFrom('intake_records').selectAll().execute()).map((r) => ({
			id: r.id,
			name: (readRecordPayload(cipher, r) as { name?: string } | null)?.name ?? '',
			blobs: readRecordBlobs(cipher, r) as { sha256: string; bytes: number }[] | null
		}));
		const blobRoot = join(t.dataDir, 'blobs', 'sha256');
		for (const e of expected) {
			const mine = records.filter((r) => r.name === `申请 ${e.id}`);
			if (mine.length === 0) fail('lostRecords', `record of ${e.id} missing`);
			if (mine.length > 1) fail('duplicatedRecords', `record of ${e.id} stored ${mine.length}×`);
			const row = mine[0]?.blobs;
			const path = join(blobRoot, e.sha256.slice(0, 2), e.sha256);
			const stored = existsSync(path) ? sha(readFileSync(path)) : null;
			const rowOk = row?.length === 1 && row[0]?.sha256 === e.sha256 && row[0]?.bytes === e.bytes;
			if (stored === e.sha256 && rowOk) v.blobsVerified++;
			else
				fail(
					'lostBlobs',
					`blob of ${e.id}: stored ${stored ?? 'none'}, row ${JSON.stringify(row)}`
				);
		}
		const names = new Set(expected.map((e) => `申请 ${e.id}`));
		for (const r of records)
			if (!names.has(r.name)) fail('duplicatedRecords', `record ${r.id} unknown to the device`);
		const shas = new Set(expected.map((e) => e.sha256));
		for (const f of files(blobRoot))
			if (!shas.has(f.split('/').pop() ?? '')) fail('duplicatedBlobs', `stray blob ${f}`);
		v.partialUploadsLeft = files(join(t.dataDir, 'blobs', 'uploads')).length;
	} finally {
		await s.close();
	}
	const rows = await device.outbox();
	if (rows.length !== expected.length)
		fail('duplicatedRecords', `device outbox has ${rows.length} rows for ${expected.length}`);
	const left = await device.leftovers();
	v.deviceLeftovers = left.unsent + left.outboxChunks;
	v.abandonedDrafts = left.drafts;
	if (v.deviceLeftovers)
		v.problems.push(`device: ${left.unsent} unsent rows, ${left.outboxChunks} outbox chunks`);
	return v;
}
