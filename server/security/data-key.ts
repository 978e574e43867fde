/**
 * Loads the PII data key: `KAIHU_DATA_KEY` (base64, 32 bytes) with optional
 * `KAIHU_DATA_KEYS_PREVIOUS` (comma-separated, for rotation). In embedded mode (no DATABASE_URL)
 * a missing key is generated into `<dataDir>/data-key` (mode 0600) with a warning; with
 * PostgreSQL it must be configured. The key itself is never logged, only its id.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateKey, keyId, parseKey, PiiCipher } from './pii.ts';

export interface DataKeyOptions {
	env: NodeJS.ProcessEnv;
	dataDir: string;
	embedded: boolean;
	/** Which key id derives the blind index (persisted in server_meta by the caller). */
	indexKeyId?: string | undefined;
	warn?: (msg: string) => void;
}

export function loadPiiCipher(opts: DataKeyOptions): PiiCipher {
	const warn = opts.warn ?? ((m: string) => console.warn(m));
	let current: Buffer;
	if (opts.env.KAIHU_DATA_KEY) {
		current = parseKey(opts.env.KAIHU_DATA_KEY, 'KAIHU_DATA_KEY');
	} else if (opts.embedded && opts.dataDir !== ':memory:') {
		const file = join(opts.dataDir, 'data-key');
		if (!existsSync(file)) {
			mkdirSync(opts.dataDir, { recursive: true });
			writeFileSync(file, generateKey() + '\n', { mode: 0o600 });
			warn(
				JSON.stringify({
					level: 'warn',
					msg: 'generated a PII data key; back it up and set KAIHU_DATA_KEY in production',
					file
				})
			);
		}
		current = parseKey(readFileSync(file, 'utf8'), file);
	} else {
		throw new Error('KAIHU_DATA_KEY is required when DATABASE_URL is set');
	}
	const previous = (opts.env.KAIHU_DATA_KEYS_PREVIOUS ?? '')
		.split(',')
		.filter((s) => s.trim())
		.map((s, i) => parseKey(s, `KAIHU_DATA_KEYS_PREVIOUS[${i}]`));
	const known = [current, ...previous].map(keyId);
	const indexKeyId =
		opts.indexKeyId && known.includes(opts.indexKeyId) ? opts.indexKeyId : undefined;
	if (opts.indexKeyId && !indexKeyId) {
		throw new Error(
			`blind-index key ${opts.indexKeyId} is not configured: keep it in KAIHU_DATA_KEYS_PREVIOUS`
		);
	}
	return new PiiCipher(current, previous, indexKeyId);
}
