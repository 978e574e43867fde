import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPiiCipher } from './data-key.ts';
import { generateKey, keyId, parseKey, PiiCipher } from './pii.ts';

describe('PII cipher', () => {
	it('round-trips and never stores the clear text', () => {
		const c = new PiiCipher(parseKey(generateKey(), 'k'));
		const sealed = c.encrypt('张三 11010519491231002X');
		expect(sealed).not.toContain('张三');
		expect(sealed.startsWith(`v1.${c.currentKeyId}.`)).toBe(true);
		expect(c.decrypt(sealed)).toBe('张三 11010519491231002X');
		expect(c.encrypt('x')).not.toBe(c.encrypt('x'));
	});

	it('detects tampering (GCM tag)', () => {
		const c = new PiiCipher(parseKey(generateKey(), 'k'));
		const sealed = c.encrypt('secret');
		const parts = sealed.split('.');
		const body = Buffer.from(parts[3] ?? '', 'base64');
		body[0] = (body[0] ?? 0) ^ 1;
		parts[3] = body.toString('base64');
		expect(() => c.decrypt(parts.join('.'))).toThrow();
	});

	it('reads old rows after rotation and keeps the blind index stable', () => {
		const oldKey = parseKey(generateKey(), 'k');
		const before = new PiiCipher(oldKey);
		const sealed = before.encrypt('old row');
		const after = new PiiCipher(parseKey(generateKey(), 'k'), [oldKey], keyId(oldKey));
		expect(after.currentKeyId).not.toBe(before.currentKeyId);
		expect(after.decrypt(sealed)).toBe('old row');
		expect(after.blindIndex('11010519491231002x')).toBe(before.blindIndex('11010519491231002X'));
		expect(() => new PiiCipher(parseKey(generateKey(), 'k')).decrypt(sealed)).toThrow(/key id/);
	});

	it('generates an embedded key once, with a warning that never contains the key', () => {
		const dir = mkdtempSync(join(tmpdir(), 'kaihu-key-'));
		try {
			const warnings: string[] = [];
			const a = loadPiiCipher({
				env: {},
				dataDir: dir,
				embedded: true,
				warn: (m) => warnings.push(m)
			});
			const b = loadPiiCipher({
				env: {},
				dataDir: dir,
				embedded: true,
				warn: (m) => warnings.push(m)
			});
			expect(a.currentKeyId).toBe(b.currentKeyId);
			expect(warnings).toHaveLength(1);
			const key = readFileSync(join(dir, 'data-key'), 'utf8').trim();
			expect(warnings[0]).not.toContain(key);
			expect(statSync(join(dir, 'data-key')).mode & 0o777).toBe(0o600);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('requires KAIHU_DATA_KEY with PostgreSQL and rejects a short key', () => {
		expect(() => loadPiiCipher({ env: {}, dataDir: '/x', embedded: false })).toThrow(
			/KAIHU_DATA_KEY/
		);
		expect(() =>
			loadPiiCipher({ env: { KAIHU_DATA_KEY: 'c2hvcnQ=' }, dataDir: '/x', embedded: false })
		).toThrow(/32 bytes/);
	});
});
