import { describe, expect, it } from 'vitest';
import { readCard } from '../../domain/read-card.ts';
import { readingComplete, readingStrength, rotate180 } from './orientation.ts';

describe('card orientation', () => {
	it('turns pixels by 180°', () => {
		// 2×1 image: red, blue → blue, red.
		const data = new Uint8ClampedArray([255, 0, 0, 255, 0, 0, 255, 255]);
		expect([...rotate180({ width: 2, height: 1, data })]).toEqual([0, 0, 255, 255, 255, 0, 0, 255]);
	});

	it('scores an upright reading above the noise an upside-down card reads as', () => {
		const now = new Date('2026-11-23T04:00:00Z');
		const line = (text: string, x: number, y: number) => ({
			text,
			box: [x, y, 200, 30] as [number, number, number, number],
			score: 0.95
		});
		const upright = readCard(
			[
				line('中华人民共和国', 280, 80),
				line('居民身份证', 280, 170),
				line('签发机关北京市公安局东城分局', 204, 385),
				line('有效期限2015.03.01-2035.03.01', 204, 450)
			],
			now
		);
		// What PP-OCR makes of the same card turned over: fragments that are no card side.
		const turned = readCard(
			[line('l0.E0.2E0S-10.E0.SI0S', 100, 60), line('自东国公', 300, 120)],
			now
		);
		expect(readingStrength(upright)).toBeGreaterThan(readingStrength(turned));
		expect(readingComplete(turned)).toBe(false);
	});
});
