/**
 * The outbox form's drafts. Submitting the form seals a draft (`saveDraft`) and then turns it into
 * an outbox record (`finalize`); a reload or crash between the two leaves a sealed draft that no
 * queue holds. The page lists those here so the user can send (or discard) them.
 */
import { discardDraft, finalize, listDrafts, loadDraft } from '$lib/store/captures.ts';
import type { BlobRef, KaihuDb } from '$lib/store/db.ts';

/** The draft kind the outbox form saves (the server reads records of this kind by `kind`). */
export const OUTBOX_FORM_KIND = 'walk-in';

/** What the form requires before a draft may be queued. */
export function isComplete(data: Record<string, unknown>, blobs: readonly BlobRef[]): boolean {
	return !!data.name && !!data.idNumber && blobs.length > 0;
}

/** One draft left behind, for the list (the name is decrypted on the device only). */
export interface UnsentDraft {
	id: string;
	/** `undefined` when the draft can no longer be decrypted. */
	name: string | undefined;
	files: string[];
	bytes: number;
	updatedAt: number;
}

/** The form's drafts that never reached the outbox, newest first. */
export async function unsentDrafts(db: KaihuDb): Promise<UnsentDraft[]> {
	const out: UnsentDraft[] = [];
	for (const row of await listDrafts(db)) {
		if (row.kind !== OUTBOX_FORM_KIND) continue;
		const draft = await loadDraft(db, row.id).catch(() => undefined);
		const name = draft?.data.name;
		out.push({
			id: row.id,
			name: typeof name === 'string' && name ? name : undefined,
			files: row.blobs.map((b) => b.name),
			bytes: row.blobs.reduce((n, b) => n + b.bytes, 0),
			updatedAt: row.updatedAt
		});
	}
	return out;
}

/** Queues a left-behind draft as the form would have (`StoreError('not_final')` if incomplete). */
export function sendDraft(db: KaihuDb, id: string): Promise<string> {
	return finalize(db, id, isComplete);
}

/** Deletes a left-behind draft and its files. */
export function dropDraft(db: KaihuDb, id: string): Promise<void> {
	return discardDraft(db, id);
}
