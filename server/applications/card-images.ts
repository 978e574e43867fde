/**
 * The captured ID card sides a submission may carry: decoded from base64 and checked to be a whole
 * JPEG (start and end markers, a frame header with a plausible card size) — the device's word that
 * it is a photo is not taken.
 */
import type { Submission } from '../../src/lib/domain/application-schema.ts';

export type CardImageLabel = 'id_front' | 'id_back';

/** The submission's card images as bytes, labelled as they are stored (`app_files.label`). */
export function cardImages(s: Submission): [CardImageLabel, Buffer][] {
	const out: [CardImageLabel, Buffer][] = [];
	if (s.idFront) out.push(['id_front', Buffer.from(s.idFront, 'base64')]);
	if (s.idBack) out.push(['id_back', Buffer.from(s.idBack, 'base64')]);
	return out;
}

/** Width and height from the first SOF marker, or null when the bytes are no baseline/progressive JPEG. */
export function jpegSize(b: Uint8Array): { width: number; height: number } | null {
	if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return null;
	if (b[b.length - 2] !== 0xff || b[b.length - 1] !== 0xd9) return null;
	let i = 2;
	while (i + 9 < b.length) {
		if (b[i] !== 0xff) return null;
		const marker = b[i + 1]!;
		const len = (b[i + 2]! << 8) | b[i + 3]!;
		if (marker >= 0xc0 && marker <= 0xc2)
			return { height: (b[i + 5]! << 8) | b[i + 6]!, width: (b[i + 7]! << 8) | b[i + 8]! };
		i += 2 + len;
	}
	return null;
}

/** A card photo: a JPEG between 200 and 2000 pixels wide, landscape like the card. */
export function isCardJpeg(b: Uint8Array): boolean {
	const size = jpegSize(b);
	return !!size && size.width >= 200 && size.width <= 2000 && size.width > size.height;
}
