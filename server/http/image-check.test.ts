import { describe, expect, it } from 'vitest';
import {
	declaredJpeg,
	declaredPng,
	goodJpeg,
	goodPng,
	hostileImages
} from '../abuse/hostile-images.ts';
import { decodePhoto } from '../face/decode.ts';
import { checkImage, PHOTO_LIMITS } from './image-check.ts';

describe('checkImage', () => {
	it('accepts whole PNGs and JPEGs and reads their dimensions', () => {
		expect(checkImage(goodPng(8, 4), PHOTO_LIMITS)).toEqual({
			ok: true,
			type: 'png',
			width: 8,
			height: 4
		});
		expect(checkImage(goodJpeg(16, 8), PHOTO_LIMITS)).toEqual({
			ok: true,
			type: 'jpeg',
			width: 16,
			height: 8
		});
	});

	it('names the problem of each hostile file', () => {
		const problems = Object.fromEntries(
			Object.entries(hostileImages('png')).map(([k, v]) => [
				k,
				checkImage(v, { ...PHOTO_LIMITS, accept: ['png'] })
			])
		);
		expect(problems).toMatchObject({
			'truncated PNG': { ok: false, problem: 'truncated' },
			'PNG declaring 60000×60000': { ok: false, problem: 'dimensions' },
			'PNG bomb: 20000×20000 of deflated zeros': { ok: false, problem: 'dimensions' },
			'GIF bytes': { ok: false, problem: 'type' },
			'a JPEG where a PNG is required': { ok: false, problem: 'type' },
			'PNG + ZIP polyglot': { ok: false, problem: 'trailing_data' },
			'PNG with a bad chunk CRC': { ok: false, problem: 'corrupt' }
		});
		expect(checkImage(declaredJpeg(60000, 60000), PHOTO_LIMITS)).toEqual({
			ok: false,
			problem: 'dimensions'
		});
	});

	it('decodePhoto refuses a bomb from its header, before inflating anything', () => {
		const bomb = declaredPng(30000, 30000, 4000); // 3.6 GB of pixels declared, 120 MB of zeros deflated
		const heap = process.memoryUsage().arrayBuffers;
		const started = performance.now();
		expect(decodePhoto(bomb)).toEqual({ ok: false, reason: 'unreadable' });
		expect(process.memoryUsage().arrayBuffers - heap).toBeLessThan(16 * 1024 * 1024);
		expect(bomb.length).toBeLessThan(1024 * 1024);
		expect(performance.now() - started).toBeLessThan(5000);
	});
});
