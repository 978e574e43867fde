import type { BlobRef, KaihuDb } from './db.ts';
import { deviceKey, sealJson, unsealJson } from './crypto.ts';
import { guardQuota, StoreError } from './errors.ts';
import { prepareRecord, writeRecord } from './outbox.ts';
import { deleteChunks, readBlob, sealBlob, writeChunks, type SealedBlob } from './recordings.ts';

/** A file captured for a draft (photo, recording). */
export interface CaptureFile {
	name: string;
	type: string;
	bytes: Uint8Array<ArrayBuffer>;
}

export interface DraftInput {
	/** Omit for a new draft. */
	id?: string;
	kind: string;
	data: Record<string, unknown>;
	/** New files to add to the draft. */
	files?: readonly CaptureFile[];
	/** Names of files this call replaces (a retaken photo): the old ones are deleted with it. */
	replace?: readonly string[];
}

const aad = (id: string) => `capture:${id}`;

/**
 * Saves a draft (sealed), atomically with its files: on `quota_exceeded` nothing of this call is
 * written and everything stored before is untouched. Files named in `replace` are swapped out in
 * the same transaction.
 */
export async function saveDraft(db: KaihuDb, input: DraftInput, now = Date.now()): Promise<string> {
	const key = await deviceKey(db);
	const id = input.id ?? crypto.randomUUID();
	const sealed = await sealJson(key, input.data, aad(id));
	const blobs: SealedBlob[] = [];
	for (const f of input.files ?? []) blobs.push(await sealBlob(key, f.bytes, f.name, f.type));
	await guardQuota(() =>
		db.transaction('rw', db.captures, db.chunks, async () => {
			const old = await db.captures.get(id);
			const replaced = (old?.blobs ?? []).filter((b) => input.replace?.includes(b.name));
			await deleteChunks(
				db,
				replaced.map((b) => b.id)
			);
			await writeChunks(db, blobs);
			await db.captures.put({
				id,
				kind: input.kind,
				createdAt: old?.createdAt ?? now,
				updatedAt: now,
				sealed,
				blobs: [
					...(old?.blobs ?? []).filter((b) => !replaced.includes(b)),
					...blobs.map((b) => b.ref)
				]
			});
		})
	);
	return id;
}

/** Reads a draft's data. */
export async function loadDraft(
	db: KaihuDb,
	id: string
): Promise<{ kind: string; data: Record<string, unknown>; blobs: BlobRef[] }> {
	const row = await db.captures.get(id);
	if (!row) throw new StoreError('not_found');
	const data = await unsealJson<Record<string, unknown>>(await deviceKey(db), row.sealed, aad(id));
	return { kind: row.kind, data, blobs: row.blobs };
}

/** Decrypts one file of a draft by name (`undefined` when the draft or file is absent). */
export async function loadDraftFile(
	db: KaihuDb,
	id: string,
	name: string
): Promise<Blob | undefined> {
	const ref = (await db.captures.get(id))?.blobs.find((b) => b.name === name);
	return ref ? readBlob(db, await deviceKey(db), ref) : undefined;
}

/** Drafts on this device, newest first (metadata only). */
export function listDrafts(db: KaihuDb) {
	return db.captures.orderBy('updatedAt').reverse().toArray();
}

/**
 * Turns a complete draft into a final outbox record (drafts never leave the device). The draft and
 * its new outbox row change in one transaction, so a crash leaves one or the other, never both.
 * `isComplete` decides what "complete" means for this kind of capture.
 */
export async function finalize(
	db: KaihuDb,
	id: string,
	isComplete: (data: Record<string, unknown>, blobs: readonly BlobRef[]) => boolean = () => true,
	now = Date.now()
): Promise<string> {
	const draft = await loadDraft(db, id);
	if (!isComplete(draft.data, draft.blobs)) throw new StoreError('not_final');
	const key = await deviceKey(db);
	const entry = await prepareRecord(key, { kind: draft.kind, payload: draft.data }, now);
	await guardQuota(() =>
		db.transaction('rw', db.captures, db.outbox, async () => {
			if (!(await db.captures.get(id))) throw new StoreError('not_found');
			await db.captures.delete(id);
			await writeRecord(db, entry, draft.blobs);
		})
	);
	return entry.id;
}

/** Discards a draft and its files. */
export async function discardDraft(db: KaihuDb, id: string): Promise<void> {
	await db.transaction('rw', db.captures, db.chunks, async () => {
		const row = await db.captures.get(id);
		if (!row) return;
		await deleteChunks(
			db,
			row.blobs.map((b) => b.id)
		);
		await db.captures.delete(id);
	});
}
