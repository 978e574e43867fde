/**
 * Walk-in customers a staff member captures on the branch tablet, offline. Each customer is a
 * local application record: a sealed draft (`captures`) with their details and card photos while
 * being captured, then a final outbox record (`kind: 'branch-walk-in'`) the sync runner sends.
 * This module only composes `$lib/store`; it owns no table.
 */
import { isValidIdNumber, normaliseIdNumber } from '$lib/domain/id-number.ts';
import {
	finalize,
	listDrafts,
	loadDraft,
	saveDraft,
	type CaptureFile
} from '$lib/store/captures.ts';
import type { BlobRef, KaihuDb, OutboxRow } from '$lib/store/db.ts';
import { listOutbox, loadPayload } from '$lib/store/outbox.ts';

export const WALK_IN_KIND = 'branch-walk-in';
/** Files of a walk-in: the two ID sides (required: the photo side) and the portrait. */
export const WALK_IN_FILES = ['id-front.jpg', 'id-back.jpg', 'portrait.jpg'] as const;

export interface WalkInDetails {
	name: string;
	idNumber: string;
	phone: string;
	/** Who captured the customer, and when the record was started. */
	capturedBy: { staffId: string; username: string };
	startedAt: number;
}

export type CustomerStatus = 'draft' | 'queued' | 'uploading' | 'sent' | 'failed';

/** One line of the branch queue. */
export interface CustomerItem {
	/** Draft id while a draft; outbox record id once queued. */
	id: string;
	status: CustomerStatus;
	/** `undefined` once sent: the device no longer holds the customer's data. */
	name: string | undefined;
	files: string[];
	updatedAt: number;
	uploadedBytes: number;
	totalBytes: number;
	error: OutboxRow['lastError'];
}

export type MissingField = 'name' | 'idNumber' | 'id-front.jpg';

/** What a draft still lacks before it may be queued (empty when complete). */
export function missingFor(
	data: Partial<WalkInDetails>,
	blobs: readonly BlobRef[]
): MissingField[] {
	const missing: MissingField[] = [];
	if (!data.name?.trim()) missing.push('name');
	if (!data.idNumber || !isValidIdNumber(data.idNumber)) missing.push('idNumber');
	if (!blobs.some((b) => b.name === 'id-front.jpg')) missing.push('id-front.jpg');
	return missing;
}

/** Starts a new walk-in customer (an empty draft) and returns its id. */
export function startCustomer(
	db: KaihuDb,
	staff: WalkInDetails['capturedBy'],
	now = Date.now()
): Promise<string> {
	const data: WalkInDetails = {
		name: '',
		idNumber: '',
		phone: '',
		capturedBy: staff,
		startedAt: now
	};
	return saveDraft(db, { kind: WALK_IN_KIND, data: { ...data } }, now);
}

/** Saves details and (re)placed files of a walk-in draft. */
export async function saveCustomer(
	db: KaihuDb,
	id: string,
	details: Pick<WalkInDetails, 'name' | 'idNumber' | 'phone'>,
	files: readonly CaptureFile[] = []
): Promise<void> {
	const old = await loadDraft(db, id);
	await saveDraft(db, {
		id,
		kind: WALK_IN_KIND,
		data: {
			...old.data,
			name: details.name.trim(),
			idNumber: normaliseIdNumber(details.idNumber),
			phone: details.phone.trim()
		},
		files,
		replace: files.map((f) => f.name)
	});
}

/** Queues a complete walk-in for the server; the draft becomes an outbox record. */
export function submitCustomer(db: KaihuDb, id: string): Promise<string> {
	return finalize(db, id, (data, blobs) => missingFor(data, blobs).length === 0);
}

/** The branch queue: drafts first (newest first), then queued and sent records (newest first). */
export async function listCustomers(db: KaihuDb): Promise<CustomerItem[]> {
	const drafts: CustomerItem[] = [];
	for (const row of await listDrafts(db)) {
		if (row.kind !== WALK_IN_KIND) continue;
		const draft = await loadDraft(db, row.id).catch(() => undefined);
		drafts.push({
			id: row.id,
			status: 'draft',
			name: (draft?.data.name as string | undefined) || undefined,
			files: row.blobs.map((b) => b.name),
			updatedAt: row.updatedAt,
			uploadedBytes: 0,
			totalBytes: row.blobs.reduce((n, b) => n + b.bytes, 0),
			error: undefined
		});
	}
	const records: CustomerItem[] = [];
	for (const row of await listOutbox(db)) {
		if (row.kind !== WALK_IN_KIND) continue;
		const payload = row.sealed ? await loadPayload(db, row).catch(() => undefined) : undefined;
		records.push({
			id: row.id,
			status: row.state,
			name: (payload?.name as string | undefined) ?? undefined,
			files: row.blobs.map((b) => b.name),
			updatedAt: row.sentAt ?? row.createdAt,
			uploadedBytes: row.uploadedBytes,
			totalBytes: row.totalBytes,
			error: row.lastError
		});
	}
	return [...drafts, ...records.reverse()];
}

/** Progress of everything queued from this tablet: records and bytes sent of the total. */
export function bulkProgress(items: readonly CustomerItem[]): {
	sent: number;
	total: number;
	bytesSent: number;
	bytesTotal: number;
} {
	const queued = items.filter((i) => i.status !== 'draft');
	return {
		sent: queued.filter((i) => i.status === 'sent').length,
		total: queued.length,
		bytesSent: queued.reduce(
			(n, i) => n + (i.status === 'sent' ? i.totalBytes : i.uploadedBytes),
			0
		),
		bytesTotal: queued.reduce((n, i) => n + i.totalBytes, 0)
	};
}
