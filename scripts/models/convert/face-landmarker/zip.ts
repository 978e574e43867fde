/**
 * A deterministic, uncompressed (stored) zip writer: what MediaPipe's `.task` model bundles are.
 * Each file's data starts on a 64-byte boundary (padding in the local header's extra field), so
 * the TFLite models inside stay aligned when MediaPipe reads them in place.
 */
const ALIGN = 64;
const DOS_DATE = (1 << 5) | 1; // 1980-01-01, a fixed timestamp keeps the bytes reproducible

let crcTable: Uint32Array | undefined;
function crc32(data: Uint8Array): number {
	crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		return c >>> 0;
	});
	let crc = 0xffffffff;
	for (const byte of data) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

function header(size: number, fill: (v: DataView) => void): Uint8Array {
	const bytes = new Uint8Array(size);
	fill(new DataView(bytes.buffer));
	return bytes;
}

/** Zips `files` (name → bytes) in the given order, stored without compression. */
export function storedZip(files: [name: string, data: Uint8Array][]): Uint8Array {
	const parts: Uint8Array[] = [];
	const central: Uint8Array[] = [];
	let offset = 0;
	for (const [name, data] of files) {
		const nameBytes = new TextEncoder().encode(name);
		const crc = crc32(data);
		const fixed = 30 + nameBytes.length;
		const extra = (ALIGN - ((offset + fixed) % ALIGN)) % ALIGN;
		const local = header(fixed + extra, (v) => {
			v.setUint32(0, 0x04034b50, true);
			v.setUint16(4, 10, true); // version needed 1.0
			v.setUint16(10, 0, true); // time
			v.setUint16(12, DOS_DATE, true);
			v.setUint32(14, crc, true);
			v.setUint32(18, data.length, true);
			v.setUint32(22, data.length, true);
			v.setUint16(26, nameBytes.length, true);
			v.setUint16(28, extra, true);
		});
		local.set(nameBytes, 30);
		central.push(
			(() => {
				const c = header(46 + nameBytes.length, (v) => {
					v.setUint32(0, 0x02014b50, true);
					v.setUint16(4, 20, true);
					v.setUint16(6, 10, true);
					v.setUint16(14, DOS_DATE, true);
					v.setUint32(16, crc, true);
					v.setUint32(20, data.length, true);
					v.setUint32(24, data.length, true);
					v.setUint16(28, nameBytes.length, true);
					v.setUint32(42, offset, true);
				});
				c.set(nameBytes, 46);
				return c;
			})()
		);
		parts.push(local, data);
		offset += local.length + data.length;
	}
	const centralSize = central.reduce((n, c) => n + c.length, 0);
	const end = header(22, (v) => {
		v.setUint32(0, 0x06054b50, true);
		v.setUint16(8, files.length, true);
		v.setUint16(10, files.length, true);
		v.setUint32(12, centralSize, true);
		v.setUint32(16, offset, true);
	});
	const out = new Uint8Array(offset + centralSize + end.length);
	let at = 0;
	for (const p of [...parts, ...central, end]) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}
