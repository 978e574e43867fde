import { randomBytes } from 'node:crypto';
import { mkdtempSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressFile } from './compress.ts';

describe('compressFile', () => {
	const dir = mkdtempSync(join(tmpdir(), 'kaihu-compress-'));

	it('writes brotli and gzip variants that decode to the file', async () => {
		const file = join(dir, 'a.onnx');
		const data = Buffer.from('weights '.repeat(4096));
		writeFileSync(file, data);
		const r = await compressFile(file, 11, 24);
		expect(r.br).toBeLessThan(data.length / 10);
		expect(brotliDecompressSync(readFileSync(`${file}.br`))).toEqual(data);
		expect(existsSync(`${file}.gz`)).toBe(true);
	});

	it('skips files brotli cannot shrink by 3 %, and only those', async () => {
		// Random bytes: incompressible. fp16 weights: brotli saves 13–14 %, gzip under 10 % —
		// modelled by random bytes with every other byte drawn from a small alphabet.
		const noise = randomBytes(65536);
		const half = randomBytes(65536).map((v, i) => (i % 2 ? v & 0x3f : v));
		writeFileSync(join(dir, 'noise.onnx'), noise);
		writeFileSync(join(dir, 'half.onnx'), half);
		expect((await compressFile(join(dir, 'noise.onnx'))).br).toBeNull();
		expect(existsSync(join(dir, 'noise.onnx.br'))).toBe(false);
		const r = await compressFile(join(dir, 'half.onnx'));
		expect(r.br).not.toBeNull();
		expect(r.br!).toBeLessThan(half.length * 0.97);
	});
});
