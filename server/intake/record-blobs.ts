/**
 * `intake_records.blobs` names the files a record carries (sha256, size, type, the display name a
 * customer's device gave them). It is metadata about a customer's photos and recordings — a
 * sha256 links a dump to a file, a name or size can say what was captured — so it is sealed with
 * the {@link PiiCipher} like `payload` (`v1.<keyId>.<iv>.<ciphertext>`). Every reader goes through
 * {@link readRecordBlobs}; rows written before sealing (a plain JSON array, starting with `[`)
 * stay readable until `resealLegacyRecords` (`record-payload.ts`) seals them at startup.
 */
import type { PiiCipher } from '../security/pii.ts';

/** One file a record names, as the device sent it (validated by `records.ts`). */
export interface RecordBlob {
	sha256: string;
	bytes: number;
	type: string;
	name?: string | undefined;
}

/** True when a stored `blobs` column is still a plain JSON array (written before sealing). */
export const isLegacyBlobs = (stored: string): boolean => stored.trimStart().startsWith('[');

/** Seals a record's blob list for `intake_records.blobs`. */
export function sealRecordBlobs(cipher: PiiCipher, blobs: readonly RecordBlob[]): string {
	return cipher.encryptJson(blobs);
}

/**
 * The blob list of a stored record, decrypted (or parsed, for a legacy plain-JSON row). Returns
 * `null` when a legacy row is not valid JSON (callers validate the shape). Throws when a sealed
 * value cannot be decrypted (unknown key id or tampered): a configuration fault, not a bad record.
 */
export function readRecordBlobs(cipher: PiiCipher, row: { blobs: string }): unknown {
	if (isLegacyBlobs(row.blobs)) {
		try {
			return JSON.parse(row.blobs) as unknown;
		} catch {
			return null;
		}
	}
	return cipher.decryptJson<unknown>(row.blobs);
}
