/**
 * Reads on both ends of sync for e2e tests: the raw IndexedDB values in the page (no app code,
 * so nothing decrypts them) and the server's SQLite file and blob directory. Record payloads are
 * sealed at rest on the server; they are decrypted here with the e2e server's own data key.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { readRecordPayload } from '../../server/intake/record-payload.ts';
import { readRecordBlobs } from '../../server/intake/record-blobs.ts';
import { loadPiiCipher } from '../../server/security/data-key.ts';

export interface RawDevice {
	outbox: { id: string; state: string; hasPayload: boolean }[];
	chunks: number;
	/** Every stored byte of the outbox, captures and chunks tables, as latin1 text. */
	dump: string;
}

/** Opens the `kaihu` database with the bare IndexedDB API and dumps what is stored. */
export function rawDevice(page: Page): Promise<RawDevice> {
	return page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const req = indexedDB.open('kaihu');
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(req.error);
		});
		const all = (store: string) =>
			new Promise<unknown[]>((resolve, reject) => {
				const req = db.transaction(store).objectStore(store).getAll();
				req.onsuccess = () => resolve(req.result);
				req.onerror = () => reject(req.error);
			});
		const latin1 = (buf: ArrayBuffer | ArrayBufferView) => {
			const b =
				buf instanceof ArrayBuffer
					? new Uint8Array(buf)
					: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
			let s = '';
			for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192));
			return s;
		};
		const dumpOf = (v: unknown) =>
			JSON.stringify(v, (_k, x: unknown) =>
				x instanceof ArrayBuffer || ArrayBuffer.isView(x) ? latin1(x as ArrayBuffer) : x
			);
		const outbox = (await all('outbox')) as { id: string; state: string; sealed?: unknown }[];
		const chunks = await all('chunks');
		const captures = await all('captures');
		db.close();
		return {
			outbox: outbox.map((r) => ({ id: r.id, state: r.state, hasPayload: r.sealed !== undefined })),
			chunks: chunks.length,
			dump: dumpOf(outbox) + dumpOf(captures) + dumpOf(chunks)
		};
	});
}

/** UTF-8 bytes of `s` as latin1 text, to search a raw dump for it. */
export const utf8Latin1 = (s: string) => Buffer.from(s, 'utf8').toString('latin1');

export interface ServerRecord {
	id: string;
	kind: string;
	payload: Record<string, unknown>;
	blobs: { sha256: string; bytes: number }[];
	/** `intake_records.payload` as stored (sealed), to check no PII is there in clear. */
	stored: string;
}

/**
 * The e2e server's PII cipher: the same resolution as the server (`KAIHU_DATA_KEY`, else the key
 * file it generated in its data directory on start).
 */
function serverCipher(dataDir: string) {
	if (!process.env.KAIHU_DATA_KEY && !existsSync(join(dataDir, 'data-key'))) {
		throw new Error(`no data key in ${dataDir}: has the e2e server started?`);
	}
	return loadPiiCipher({ env: process.env, dataDir, embedded: true });
}

/** Every record the server stored (straight from its SQLite file, payloads decrypted). */
export function serverRecords(dataDir: string): ServerRecord[] {
	const db = new Database(join(dataDir, 'kaihu.sqlite'), { readonly: true });
	try {
		const rows = db.prepare('SELECT id, kind, payload, blobs FROM intake_records').all() as {
			id: string;
			kind: string;
			payload: string;
			blobs: string;
		}[];
		if (rows.length === 0) return [];
		const cipher = serverCipher(dataDir);
		return rows.map((r) => ({
			id: r.id,
			kind: r.kind,
			payload: readRecordPayload(cipher, r) as Record<string, unknown>,
			blobs: readRecordBlobs(cipher, r) as ServerRecord['blobs'],
			stored: r.payload
		}));
	} finally {
		db.close();
	}
}

/** sha256 of the stored blob file, or `null` when the server does not have it. */
export function storedBlobSha(dataDir: string, sha256: string): string | null {
	const path = join(dataDir, 'blobs', 'sha256', sha256.slice(0, 2), sha256);
	if (!existsSync(path)) return null;
	return createHash('sha256').update(readFileSync(path)).digest('hex');
}
