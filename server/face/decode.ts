/**
 * Decodes an uploaded photo (JPEG or PNG bytes) into RGBA pixels with pure-JS decoders, within a
 * pixel budget so a crafted header cannot make the server allocate gigabytes.
 */
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { checkImage } from '../http/image-check.ts';
import type { RgbaImage } from '../../src/lib/vision/face/align.ts';

/** Larger uploads are refused rather than decoded (a live frame is ≤ 1920×1080). */
export const MAX_PIXELS = 4096 * 4096;

export type DecodeResult = { ok: true; image: RgbaImage } | { ok: false; reason: 'unreadable' };

export function decodePhoto(bytes: Uint8Array): DecodeResult {
	// Dimensions are read from the header before any decoder allocates for them.
	const checked = checkImage(bytes, {
		accept: ['png', 'jpeg'],
		maxSide: 16384,
		maxPixels: MAX_PIXELS
	});
	if (!checked.ok) return { ok: false, reason: 'unreadable' };
	try {
		if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) {
			const png = PNG.sync.read(Buffer.from(bytes));
			if (png.width * png.height > MAX_PIXELS) return { ok: false, reason: 'unreadable' };
			return {
				ok: true,
				image: { width: png.width, height: png.height, data: new Uint8Array(png.data) }
			};
		}
		if (bytes[0] === 0xff && bytes[1] === 0xd8) {
			const img = jpeg.decode(bytes, {
				useTArray: true,
				formatAsRGBA: true,
				maxResolutionInMP: MAX_PIXELS / 1e6,
				maxMemoryUsageInMB: 256
			});
			return { ok: true, image: { width: img.width, height: img.height, data: img.data } };
		}
	} catch {
		// Truncated or malformed: treated like any unreadable photo.
	}
	return { ok: false, reason: 'unreadable' };
}
