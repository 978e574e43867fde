/**
 * Device records' payloads are PII (a branch walk-in carries the customer's name and ID number),
 * so `intake_records.payload` holds them sealed with the {@link PiiCipher}
 * (`v1.<keyId>.<iv>.<ciphertext>`), and `payload_hash` is a keyed HMAC, never a plain hash.
 * Every reader goes through {@link readRecordPayload}; rows written before sealing (plain JSON,
 * starting with `{`) stay readable until {@link resealLegacyRecords} converts them at startup
 * (it seals legacy blob lists, `record-blobs.ts`, too).
 */
import type { Kysely } from 'kysely';
import type { PiiCipher } from '../security/pii.ts';
import type { Database } from '../storage/schema.ts';
import { canonicalJson, hashJson } from './canonical.ts';
import {
	isLegacyBlobs,
	readRecordBlobs,
	sealRecordBlobs,
	type RecordBlob
} from './record-blobs.ts';

/** Domain of the idempotency HMAC (see {@link PiiCipher.keyedHash}). */
const HASH_DOMAIN = 'intake-record';

/** What makes a record itself; a replay must match it exactly. */
export interface RecordIdentity {
	id: string;
	kind: string;
	payload: unknown;
	blobs: unknown;
}

const identity = (r: RecordIdentity) => ({
	id: r.id,
	kind: r.kind,
	payload: r.payload,
	blobs: r.blobs
});

/**
 * Idempotency fingerprint of a record: HMAC-SHA256 (keyed from the blind-index key) of its
 * canonical JSON. Not a plain sha256: the payload is low-entropy PII (name + ID number) and a plain
 * hash of it could be brute-forced from a database dump.
 */
export function recordHash(cipher: PiiCipher, r: RecordIdentity): string {
	return cipher.keyedHash(HASH_DOMAIN, canonicalJson(identity(r)));
}

/** The plain sha256 rows written before sealing carry (only to recognise their replays). */
export function legacyRecordHash(r: RecordIdentity): string {
	return hashJson(identity(r));
}

/** True when a stored payload is still plain JSON (written before sealing). */
export const isLegacyPayload = (stored: string): boolean => stored.trimStart().startsWith('{');

/** Seals a payload for `intake_records.payload`. */
export function sealRecordPayload(cipher: PiiCipher, payload: unknown): string {
	return cipher.encryptJson(payload);
}

/**
 * The payload of a stored record, decrypted (or parsed, for a legacy plain-JSON row). Returns
 * `null` when a legacy row is not valid JSON. Throws when a sealed payload cannot be decrypted
 * (unknown key id or tampered): that is a configuration fault, not a bad record, and must not be
 * marked as read.
 */
export function readRecordPayload(cipher: PiiCipher, row: { payload: string }): unknown {
	if (isLegacyPayload(row.payload)) {
		try {
			return JSON.parse(row.payload) as unknown;
		} catch {
			return null;
		}
	}
	return cipher.decryptJson<unknown>(row.payload);
}

/**
 * Seals every plain-JSON payload and blob list left from before sealing (`record-blobs.ts`) and
 * replaces a plain sha256 with the HMAC. Idempotent and safe with several instances starting at
 * once (each update is conditional on the old values). Returns how many rows it converted.
 */
export async function resealLegacyRecords(
	db: Kysely<Database>,
	cipher: PiiCipher
): Promise<number> {
	let converted = 0;
	for (;;) {
		const rows = await db
			.selectFrom('intake_records')
			.select(['id', 'kind', 'payload', 'blobs'])
			.where((eb) => eb.or([eb('payload', 'like', '{%'), eb('blobs', 'like', '[%')]))
			.limit(200)
			.execute();
		let changed = 0;
		for (const row of rows) {
			const payload = readRecordPayload(cipher, row);
			const blobs = readRecordBlobs(cipher, row);
			const set: { payload?: string; payload_hash?: string; blobs?: string } = {};
			if (isLegacyPayload(row.payload)) {
				set.payload = sealRecordPayload(cipher, payload);
				set.payload_hash = recordHash(cipher, { id: row.id, kind: row.kind, payload, blobs });
			}
			// A legacy list that is not valid JSON stays as it is (readers see `null` either way).
			if (isLegacyBlobs(row.blobs) && blobs !== null)
				set.blobs = sealRecordBlobs(cipher, blobs as RecordBlob[]);
			if (set.payload === undefined && set.blobs === undefined) continue;
			const res = await db
				.updateTable('intake_records')
				.set(set)
				.where('id', '=', row.id)
				.where('payload', '=', row.payload)
				.where('blobs', '=', row.blobs)
				.executeTakeFirst();
			changed += Number(res.numUpdatedRows);
		}
		converted += changed;
		// A full batch where nobody converted anything means another instance is on it.
		if (rows.length < 200 || changed === 0) return converted;
	}
}
