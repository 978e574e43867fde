/**
 * Hostile image files, generated (no binaries in the repo): truncated, huge declared dimensions
 * with a decompression-bomb body, the wrong type for the field, and polyglots.
 */
import { crc32, deflateSync } from 'node:zlib';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

function chunk(type: string, data: Buffer): Buffer {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(data.length, 0);
	head.write(type, 4, 'latin1');
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
	return Buffer.concat([head, data, crc]);
}

/** A PNG whose header declares `width`×`height` (8-bit greyscale) with `rows` rows of zeros deflated. */
export function declaredPng(width: number, height: number, rows = 64): Buffer {
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr[8] = 8; // bit depth
	ihdr[9] = 0; // greyscale
	const raw = Buffer.alloc(Math.min(rows, height) * (width + 1)); // filter byte + row, all zero
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', deflateSync(raw, { level: 9 })),
		chunk('IEND', Buffer.alloc(0))
	]);
}

/** A small valid PNG. */
export function goodPng(width = 8, height = 8): Buffer {
	const p = new PNG({ width, height });
	p.data.fill(200);
	return PNG.sync.write(p);
}

/** A small valid JPEG. */
export function goodJpeg(width = 16, height = 16): Buffer {
	return Buffer.from(
		jpeg.encode({ width, height, data: Buffer.alloc(width * height * 4, 120) }, 80).data
	);
}

/** A JPEG whose SOF declares `width`×`height` (the scan data is that of a small image). */
export function declaredJpeg(width: number, height: number): Buffer {
	const b = goodJpeg();
	for (let at = 2; at + 9 < b.length;) {
		const marker = b[at + 1]!;
		if (marker >= 0xc0 && marker <= 0xc3) {
			b.writeUInt16BE(height, at + 5);
			b.writeUInt16BE(width, at + 7);
			return b;
		}
		at += 2 + b.readUInt16BE(at + 2);
	}
	throw new Error('no SOF');
}

/** A minimal ZIP (one stored file) to append for polyglots. */
const ZIP_TAIL = Buffer.from('PK\u0005\u0006' + '\u0000'.repeat(18), 'latin1');

/** Every hostile variant, named, for a field that takes `accepts`. */
export function hostileImages(accepts: 'png' | 'jpeg' | 'both'): Record<string, Buffer> {
	const png = goodPng();
	const jpg = goodJpeg();
	const out: Record<string, Buffer> = {
		'truncated PNG': png.subarray(0, png.length - 20),
		'truncated JPEG': jpg.subarray(0, Math.floor(jpg.length / 2)),
		'JPEG header only': jpg.subarray(0, 20),
		'PNG declaring 60000×60000': declaredPng(60000, 60000),
		'PNG bomb: 20000×20000 of deflated zeros': declaredPng(20000, 20000, 2000),
		'JPEG declaring 60000×60000': declaredJpeg(60000, 60000),
		'GIF bytes': Buffer.from('GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;', 'latin1'),
		'HTML with a script': Buffer.from('<html><script>alert(1)</script></html>'),
		'SVG with onload': Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
		'PNG + ZIP polyglot': Buffer.concat([png, ZIP_TAIL]),
		'JPEG + HTML polyglot': Buffer.concat([jpg, Buffer.from('<script>alert(1)</script>')]),
		'PNG with a bad chunk CRC': Buffer.concat([
			png.subarray(0, 30),
			Buffer.from([png[30]! ^ 0xff]),
			png.subarray(31)
		])
	};
	if (accepts === 'png') out['a JPEG where a PNG is required'] = jpg;
	if (accepts === 'jpeg') out['a PNG where a JPEG is required'] = png;
	return out;
}
