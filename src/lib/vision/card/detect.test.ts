import { describe, expect, it } from 'vitest';
import {
	background,
	cardTexture,
	darkGreenCardTexture,
	greenClutter,
	renderCard,
	restingCorners,
	type Scene
} from '../../../../tests/fixtures/card-scene.ts';
import type { Pt } from '../../../../tests/fixtures/homography.ts';
import { findCardQuad } from './detect.ts';

const W = 1280;
const H = 720;
function detect(scene: Scene, texture: Uint8Array | null, corners: Pt[]): Pt[] | null {
	const rgb = texture ? renderCard(scene, texture, corners).rgb : scene.background;
	const rgba = new Uint8ClampedArray(W * H * 4);
	for (let i = 0; i < W * H; i++) {
		rgba.set(rgb.subarray(i * 3, i * 3 + 3), i * 4);
		rgba[i * 4 + 3] = 255;
	}
	return findCardQuad({ width: W, height: H, data: rgba }) as Pt[] | null;
}

const worstCornerError = (a: Pt[], b: Pt[]) =>
	Math.max(...a.map(([x, y], i) => Math.hypot(x - b[i]![0], y - b[i]![1])));

/** The resting pose, shifted and scaled a little. */
const pose = (dx: number, dy: number, s: number): Pt[] =>
	restingCorners(W, H).map(([x, y]) => [
		W / 2 + (x - W / 2) * s + dx,
		H / 2 + (y - H / 2) * s + dy
	]);

describe('findCardQuad', () => {
	it('finds a light card on grey clutter', () => {
		const corners = pose(0, 0, 1);
		const q = detect(background(W, H), cardTexture(), corners);
		expect(q).not.toBeNull();
		expect(worstCornerError(q!, corners)).toBeLessThan(8);
	});

	it.each([
		[0, 0, 1, 11],
		[-40, 10, 0.9, 12],
		[30, -15, 0.95, 13]
	])(
		'finds a dark-green bank card on green clutter (dx %i, dy %i, scale %f, clutter %i)',
		(dx, dy, s, seed) => {
			const corners = pose(dx, dy, s);
			const q = detect(greenClutter(W, H, seed), darkGreenCardTexture(), corners);
			expect(q).not.toBeNull();
			expect(worstCornerError(q!, corners)).toBeLessThan(10);
		}
	);

	it('finds nothing in green clutter without a card', () => {
		for (const seed of [11, 12, 13]) expect(detect(greenClutter(W, H, seed), null, [])).toBeNull();
	});
});
