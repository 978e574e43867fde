/**
 * Structural checks of uploaded images before anything decodes or stores them: the type by magic
 * bytes (never by what the client claims), the declared dimensions against a budget (a 60000×60000
 * header must not make a decoder allocate gigabytes), and the container walked to its end marker —
 * a truncated file, a chunk running past the end, bad PNG chunk CRCs or bytes after the end (a
 * polyglot: PNG/JPEG + ZIP, HTML…) are refused. Pixels are not decoded here.
 */
import { crc32 } from 'node:zlib';

export type ImageType = 'png' | 'jpeg';

export type ImageProblem = 'type' | 'truncated' | 'dimensions' | 'trailing_data' | 'corrupt';

export type ImageCheck =
	| { ok: true; type: ImageType; width: number; height: number }
	| { ok: false; problem: ImageProblem };

export interface ImageLimits {
	accept: readonly ImageType[];
	/** Largest width or height. */
	maxSide: number;
	/** Largest width × height. */
	maxPixels: number;
}

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The image type by its magic bytes, or `null`. */
export function sniffImage(b: Uint8Array): ImageType | null {
	if (b.length >= 8 && PNG_MAGIC.equals(Buffer.from(b.subarray(0, 8)))) return 'png';
	if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
	return null;
}

function checkPng(b: Buffer): ImageCheck {
	let at = 8;
	let width = 0;
	let height = 0;
	let first = true;
	while (at + 12 <= b.length) {
		const len = b.readUInt32BE(at);
		const type = b.toString('latin1', at + 4, at + 8);
		if (len > 0x7fffffff || at + 12 + len > b.length) return { ok: false, problem: 'truncated' };
		const crc = b.readUInt32BE(at + 8 + len);
		if (crc32(b.subarray(at + 4, at + 8 + len)) !== crc) return { ok: false, problem: 'corrupt' };
		if (first) {
			if (type !== 'IHDR' || len !== 13) return { ok: false, problem: 'corrupt' };
			width = b.readUInt32BE(at + 8);
			height = b.readUInt32BE(at + 12);
			first = false;
		}
		at += 12 + len;
		if (type === 'IEND') {
			if (at !== b.length) return { ok: false, problem: 'trailing_data' };
			return { ok: true, type: 'png', width, height };
		}
	}
	return { ok: false, problem: 'truncated' };
}

/** Start-of-frame markers that carry the dimensions (not DHT C4, JPG C8, DAC CC). */
const isSof = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

function checkJpeg(b: Buffer): ImageCheck {
	let at = 2;
	let width = 0;
	let height = 0;
	// Segments up to the start of scan; the entropy-coded data after it runs to EOI.
	while (at + 4 <= b.length) {
		if (b[at] !== 0xff) return { ok: false, problem: 'corrupt' };
		const marker = b[at + 1]!;
		if (marker === 0xff) {
			at++;
			continue;
		}
		const len = b.readUInt16BE(at + 2);
		if (len < 2 || at + 2 + len > b.length) return { ok: false, problem: 'truncated' };
		if (isSof(marker)) {
			if (len < 7) return { ok: false, problem: 'corrupt' };
			height = b.readUInt16BE(at + 5);
			width = b.readUInt16BE(at + 7);
		}
		at += 2 + len;
		if (marker === 0xda) break;
	}
	if (!width || !height) return { ok: false, problem: 'truncated' };
	// The file ends with EOI (nothing may follow it: a JPEG + ZIP polyglot does not).
	if (b.length < at + 2 || b[b.length - 2] !== 0xff || b[b.length - 1] !== 0xd9)
		return { ok: false, problem: 'truncated' };
	return { ok: true, type: 'jpeg', width, height };
}

/**
 * Checks `bytes` is a whole PNG or JPEG of an accepted type within the limits.
 *
 * @example
 * const c = checkImage(bytes, { accept: ['png'], maxSide: 4096, maxPixels: 4096 * 4096 });
 * if (!c.ok) throw new ApiError(400, 'validation_failed', `image: ${c.problem}`);
 */
export function checkImage(bytes: Uint8Array, limits: ImageLimits): ImageCheck {
	const type = sniffImage(bytes);
	if (!type || !limits.accept.includes(type)) return { ok: false, problem: 'type' };
	const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const r = type === 'png' ? checkPng(b) : checkJpeg(b);
	if (!r.ok) return r;
	if (
		r.width < 1 ||
		r.height < 1 ||
		r.width > limits.maxSide ||
		r.height > limits.maxSide ||
		r.width * r.height > limits.maxPixels
	)
		return { ok: false, problem: 'dimensions' };
	return r;
}

/** Limits for photos (live frames, ID portraits, stills): a 4K frame at most. */
export const PHOTO_LIMITS: ImageLimits = {
	accept: ['jpeg', 'png'],
	maxSide: 4096,
	maxPixels: 4096 * 4096
};
