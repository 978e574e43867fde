import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { TINY_PNG } from '../testing/harness.ts';
import { isCardJpeg } from './card-images.ts';

const jpegOf = (width: number, height: number) =>
	new Uint8Array(
		jpeg.encode({ width, height, data: Buffer.alloc(width * height * 4, 128) }, 80).data
	);

describe('card images', () => {
	it('takes a landscape JPEG of card size', () => {
		expect(isCardJpeg(jpegOf(640, 404))).toBe(true);
	});
	it('refuses PNG, portrait, tiny, truncated and non-image bytes', () => {
		expect(isCardJpeg(new Uint8Array(Buffer.from(TINY_PNG, 'base64')))).toBe(false);
		expect(isCardJpeg(jpegOf(300, 400))).toBe(false);
		expect(isCardJpeg(jpegOf(120, 80))).toBe(false);
		expect(isCardJpeg(jpegOf(640, 404).slice(0, 40))).toBe(false);
		expect(isCardJpeg(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]))).toBe(false);
	});
});
