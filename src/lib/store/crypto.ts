import type { KaihuDb } from './db.ts';
import { isQuotaError, StoreError } from './errors.ts';

/** AES-GCM ciphertext with its 96-bit IV. `aad` binds it to one record (see {@link seal}). */
export interface Sealed {
	iv: Uint8Array<ArrayBuffer>;
	data: ArrayBuffer;
}

const KEY_NAME = 'device-v1';
const keys = new WeakMap<KaihuDb, Promise<CryptoKey>>();

/**
 * The device key: AES-GCM 256, generated on first use as **non-extractable** and stored (as a
 * `CryptoKey` object) in the `keys` table. Script on this origin can use it but never read it.
 * Concurrent first calls (two tabs) agree: the first `add` wins and everyone re-reads it.
 */
export function deviceKey(db: KaihuDb): Promise<CryptoKey> {
	let p = keys.get(db);
	if (!p) {
		p = loadOrCreate(db);
		keys.set(db, p);
		p.catch(() => keys.delete(db)); // retry on the next call
	}
	return p;
}

async function loadOrCreate(db: KaihuDb): Promise<CryptoKey> {
	const existing = await db.keys.get(KEY_NAME);
	if (existing) return existing.key;
	const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
		'encrypt',
		'decrypt'
	]);
	let addError: unknown;
	// Losing the race to another tab is fine (its key wins); a full disk is not.
	await db.keys.add({ name: KEY_NAME, key }).catch((err: unknown) => (addError = err));
	const winner = await db.keys.get(KEY_NAME);
	if (!winner && isQuotaError(addError))
		throw new StoreError('quota_exceeded', { cause: addError });
	if (!winner) throw new StoreError('storage_unavailable');
	return winner.key;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

/**
 * Encrypts bytes under `key`. `aad` (e.g. the record id) is authenticated, so a sealed value
 * moved onto another record fails to open.
 */
export async function seal(key: CryptoKey, bytes: BufferSource, aad: string): Promise<Sealed> {
	const iv = crypto.getRandomValues(new Uint8Array(12));
	const data = await crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv, additionalData: enc.encode(aad) },
		key,
		bytes
	);
	return { iv, data };
}

/** Decrypts what {@link seal} produced; a wrong key, record or tampering gives `decrypt_failed`. */
export async function unseal(key: CryptoKey, sealed: Sealed, aad: string): Promise<ArrayBuffer> {
	try {
		return await crypto.subtle.decrypt(
			{ name: 'AES-GCM', iv: sealed.iv, additionalData: enc.encode(aad) },
			key,
			sealed.data
		);
	} catch (err) {
		throw new StoreError('decrypt_failed', { cause: err });
	}
}

/** Seals a JSON value. */
export function sealJson(key: CryptoKey, value: unknown, aad: string): Promise<Sealed> {
	return seal(key, enc.encode(JSON.stringify(value)), aad);
}

/** Opens a JSON value sealed by {@link sealJson}. */
export async function unsealJson<T>(key: CryptoKey, sealed: Sealed, aad: string): Promise<T> {
	return JSON.parse(dec.decode(await unseal(key, sealed, aad))) as T;
}

/** Lowercase hex sha256 of `bytes`. */
export async function sha256Hex(bytes: BufferSource): Promise<string> {
	const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
	return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
