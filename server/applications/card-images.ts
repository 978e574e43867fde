/**
 * The captured ID card sides a submission may carry: decoded from base64 and decoded again as
 * images (pure-JS decoder, pixel budget) — the device's word that it sent a card photo is not
 * taken: it must be a JPEG that decodes, landscape like the card, of a sensible width.
 */
import type { Submission } from '../../src/lib/domain/application-schema.ts';
import { decodePhoto } from '../face/decode.ts';
import { checkImage, PHOTO_LIMITS } from '../http/image-check.ts';

export type CardImageLabel = 'id_front' | 'id_back';

/** The submission's card images as bytes, labelled as they are stored (`app_files.label`). */
export function cardImages(s: Submission): [CardImageLabel, Buffer][] {
	const out: [CardImageLabel, Buffer][] = [];
	if (s.idFront) out.push(['id_front', Buffer.from(s.idFront, 'base64')]);
	if (s.idBack) out.push(['id_back', Buffer.from(s.idBack, 'base64')]);
	return out;
}

/** A card photo: a JPEG that decodes, 200–2000 pixels wide and wider than high. */
export function isCardJpeg(b: Uint8Array): boolean {
	// A whole JPEG by its bytes (end marker, no trailing polyglot data, header size) before decoding.
	if (!checkImage(b, { ...PHOTO_LIMITS, accept: ['jpeg'] }).ok) return false;
	const decoded = decodePhoto(b);
	if (!decoded.ok) return false;
	const { width, height } = decoded.image;
	return width >= 200 && width <= 2000 && width > height;
}
