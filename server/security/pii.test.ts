import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
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

	it('seals and fingerprints exactly as the plain node:crypto formulas (rows stay readable)', () => {
		const key = parseKey(generateKey(), 'k');
		const c = new PiiCipher(key);
		// Sealed by hand with a raw Buffer key, as rows were before the cached KeyObjects.
		const iv = randomBytes(12);
		const enc = createCipheriv('aes-256-gcm', key, iv);
		const body = Buffer.concat([enc.update('张三'), enc.final(), enc.getAuthTag()]);
		expect(c.decrypt(`v1.${keyId(key)}.${iv.toString('base64')}.${body.toString('base64')}`)).toBe('张三'); // prettier-ignore
		// And what it seals, the plain formula opens.
		const [, , ivB64, sealedB64] = c.encrypt('李四').split('.');
		const sealed = Buffer.from(sealedB64!, 'base64');
		const dec = createDecipheriv('aes-256-gcm', key, Buffer.from(ivB64!, 'base64'));
		dec.setAuthTag(sealed.subarray(-16));
		expect(Buffer.concat([dec.update(sealed.subarray(0, -16)), dec.final()]).toString()).toBe('李四'); // prettier-ignore
		const derived = (info: string) => Buffer.from(hkdfSync('sha256', key, '', info, 32));
		expect(c.blindIndex(' 11010519491231002x')).toBe(
			createHmac('sha256', derived('kaihu-blind-index')).update('11010519491231002X').digest('hex')
		);
		expect(c.keyedHash('d', 'v')).toBe(
			createHmac('sha256', derived('kaihu-keyed-hash')).update('d\0v').digest('hex')
		);
	});

	it('never repeats an IV (across refills of its random pool)', () => {
		const c = new PiiCipher(parseKey(generateKey(), 'k'));
		const ivs = new Set(Array.from({ length: 2000 }, () => c.encrypt('x').split('.')[2]));
		expect(ivs.size).toBe(2000);
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
