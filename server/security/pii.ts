/**
 * PII encryption at rest: AES-256-GCM with a key from configuration, and an HMAC "blind index"
 * so an ID number can be looked up without storing it in clear.
 *
 * Ciphertext format: `v1.<keyId>.<iv b64>.<ciphertext+tag b64>`. The key id (first 8 hex digits of
 * the key's sha256) lets old rows be read after rotation: configure the new key as current and keep
 * the old ones in the previous-keys list.
 */
import {
	createCipheriv,
	createDecipheriv,
	createHash,
	createHmac,
	createSecretKey,
	hkdfSync,
	randomBytes,
	randomFillSync,
	type KeyObject
} from 'node:crypto';

/** IVs drawn per `randomFillSync` (each 12 bytes, used once): one call per 256 seals. */
const IV_POOL = 256;

export class PiiCipher {
	readonly currentKeyId: string;
	// KeyObjects, made once: a raw Buffer key is imported into a new OpenSSL key on every
	// createCipheriv/createHmac (part of the ≈ 10 % sealing cost of a POST /api/records).
	private readonly keys = new Map<string, KeyObject>();
	private readonly indexKey: KeyObject;
	private readonly macKey: KeyObject;
	private readonly ivPool = Buffer.alloc(12 * IV_POOL);
	private ivNext = IV_POOL;

	/**
	 * @param current the key new data is encrypted with (32 bytes)
	 * @param previous keys that may still decrypt older rows
	 * @param indexKeyId which key derives the blind index (kept stable across rotations);
	 *   defaults to the current key
	 */
	constructor(current: Buffer, previous: Buffer[] = [], indexKeyId?: string) {
		for (const k of [current, ...previous]) {
			if (k.length !== 32) throw new Error('data keys must be 32 bytes');
			this.keys.set(keyId(k), createSecretKey(k));
		}
		this.currentKeyId = keyId(current);
		const base = this.keys.get(indexKeyId ?? this.currentKeyId);
		if (!base) throw new Error(`blind-index key ${indexKeyId} is not configured`);
		const derive = (info: string) =>
			createSecretKey(Buffer.from(hkdfSync('sha256', base, '', info, 32)));
		this.indexKey = derive('kaihu-blind-index');
		this.macKey = derive('kaihu-keyed-hash');
	}

	/** Key ids this cipher can decrypt. */
	get keyIds(): string[] {
		return [...this.keys.keys()];
	}

	encrypt(plain: string | Uint8Array): string {
		const key = this.keys.get(this.currentKeyId) as KeyObject;
		const iv = this.freshIv();
		const cipher = createCipheriv('aes-256-gcm', key, iv);
		const body = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
		return `v1.${this.currentKeyId}.${iv.toString('base64')}.${body.toString('base64')}`;
	}

	/**
	 * 12 random bytes never handed out before (GCM's IV must not repeat under a key). A view into
	 * the pool, valid until the pool is refilled: `encrypt` uses it synchronously.
	 */
	private freshIv(): Buffer {
		if (this.ivNext === IV_POOL) {
			randomFillSync(this.ivPool);
			this.ivNext = 0;
		}
		const at = 12 * this.ivNext++;
		return this.ivPool.subarray(at, at + 12);
	}

	decryptBytes(sealed: string): Buffer {
		const [version, kid, ivB64, bodyB64] = sealed.split('.');
		const key = kid ? this.keys.get(kid) : undefined;
		if (version !== 'v1' || !key || !ivB64 || !bodyB64) {
			throw new Error(`cannot decrypt: unknown format or key id ${kid ?? '?'}`);
		}
		const body = Buffer.from(bodyB64, 'base64');
		const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivB64, 'base64'));
		decipher.setAuthTag(body.subarray(body.length - 16));
		return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]);
	}

	decrypt(sealed: string): string {
		return this.decryptBytes(sealed).toString('utf8');
	}

	encryptJson(value: unknown): string {
		return this.encrypt(JSON.stringify(value));
	}

	decryptJson<T>(sealed: string): T {
		return JSON.parse(this.decrypt(sealed)) as T;
	}

	/** Deterministic HMAC-SHA256 of a normalised value, for equality lookups. */
	blindIndex(value: string): string {
		return createHmac('sha256', this.indexKey).update(value.trim().toUpperCase()).digest('hex');
	}

	/**
	 * Deterministic HMAC-SHA256 of `value` exactly as given (no normalising), separated by `domain`.
	 * For fingerprints of PII that must compare equal (idempotency hashes): a plain sha256 of a
	 * name + ID number can be brute-forced from a database dump; this cannot without the key.
	 * Keyed from the blind-index key, so it stays stable across data-key rotations.
	 */
	keyedHash(domain: string, value: string): string {
		return createHmac('sha256', this.macKey).update(`${domain}\0${value}`).digest('hex');
	}
}

/** Key id: first 8 hex digits of sha256(key). Safe to log; the key is not. */
export function keyId(key: Buffer): string {
	return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/** Parses a base64 32-byte key, naming the variable in the error (never the value). */
export function parseKey(b64: string, name: string): Buffer {
	const key = Buffer.from(b64.trim(), 'base64');
	if (key.length !== 32) throw new Error(`${name} must be base64 of 32 bytes (got ${key.length})`);
	return key;
}

/** A fresh random key, base64. */
export function generateKey(): string {
	return randomBytes(32).toString('base64');
}
