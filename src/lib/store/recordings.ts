import type { BlobRef, ChunkRow, KaihuDb } from './db.ts';
import { seal, sha256Hex, unseal } from './crypto.ts';

/** Photos and recordings are sealed in chunks so a long recording never needs one huge value. */
export const CHUNK_BYTES = 1024 * 1024;

const chunkAad = (blobId: string, index: number) => `chunk:${blobId}:${index}`;

/** A blob sealed in memory, ready to be written inside the caller's transaction. */
export interface SealedBlob {
	ref: BlobRef;
	rows: ChunkRow[];
}

/**
 * Hashes and seals `bytes` chunk by chunk. Done before the write transaction because IndexedDB
 * transactions cannot stay open across WebCrypto awaits.
 */
export async function sealBlob(
	key: CryptoKey,
	bytes: Uint8Array<ArrayBuffer>,
	name: string,
	type: string
): Promise<SealedBlob> {
	const id = crypto.randomUUID();
	const rows: ChunkRow[] = [];
	for (let index = 0, at = 0; at < bytes.byteLength || index === 0; index++, at += CHUNK_BYTES) {
		const part = bytes.subarray(at, Math.min(at + CHUNK_BYTES, bytes.byteLength));
		rows.push({ blobId: id, index, sealed: await seal(key, part, chunkAad(id, index)) });
	}
	const ref: BlobRef = {
		id,
		name,
		type,
		bytes: bytes.byteLength,
		sha256: await sha256Hex(bytes),
		chunks: rows.length
	};
	return { ref, rows };
}

/** Writes sealed chunks; call inside a transaction that includes `chunks`. */
export async function writeChunks(db: KaihuDb, blobs: readonly SealedBlob[]): Promise<void> {
	for (const b of blobs) await db.chunks.bulkPut(b.rows);
}

/** Reads and decrypts a whole blob (tens of MB at most). */
export async function readBlob(db: KaihuDb, key: CryptoKey, ref: BlobRef): Promise<Blob> {
	const rows = await db.chunks.where('blobId').equals(ref.id).sortBy('index');
	if (rows.length !== ref.chunks) throw new Error(`blob ${ref.id}: ${rows.length}/${ref.chunks}`);
	const parts: ArrayBuffer[] = [];
	for (const r of rows) parts.push(await unseal(key, r.sealed, chunkAad(ref.id, r.index)));
	return new Blob(parts, { type: ref.type });
}

/** Deletes a blob's chunks; call inside a transaction that includes `chunks`. */
export async function deleteChunks(db: KaihuDb, blobIds: readonly string[]): Promise<void> {
	for (const id of blobIds) await db.chunks.where('blobId').equals(id).delete();
}
