import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setupSystem } from '../../scripts/setup-system.ts';
import { background, cardClip, cardTexture, renderCard } from '../fixtures/card-scene.ts';
import { generateCards } from '../fixtures/cards/generate.ts';
import { readImageRgb, writeImage } from '../fixtures/image.ts';
import { patternFrames } from '../fixtures/pattern.ts';
import { writeY4m } from '../fixtures/y4m.ts';
import {
	CARD_PHOTO,
	CARD_Y4M,
	CHROMIUM,
	GENERATED,
	ID_CARD_DIR,
	ID_CARD_Y4M,
	BANK_CARD_Y4M,
	ID_BACK_Y4M,
	ID_FRONT_CLEAN_Y4M,
	JOURNEY_CARD_DIR,
	NO_CARD_PHOTO,
	PATTERN_Y4M
} from './browser.ts';

/** Makes sure Chromium exists and the fake-camera files are generated before any browser starts. */
export default async function globalSetup(): Promise<void> {
	setupSystem();
	if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`);
	mkdirSync(GENERATED, { recursive: true });
	writeY4m(PATTERN_Y4M, patternFrames());
	writeY4m(CARD_Y4M, cardClip());
	const scene = background(1280, 960, 11);
	const photo = renderCard(scene, cardTexture(), [
		[260, 250],
		[1050, 300],
		[1010, 790],
		[230, 740]
	]);
	writeImage(photo, CARD_PHOTO, { vf: 'gblur=sigma=1.2,noise=alls=10:allf=t', jpegQ: 12 });
	writeImage({ width: scene.width, height: scene.height, rgb: scene.background }, NO_CARD_PHOTO, {
		jpegQ: 8
	});
	// A real-looking ID card (generator of tests/fixtures/cards) as the fake camera's subject.
	const [truth] = await generateCards({
		perKind: 1,
		seed: 21,
		severity: 'phone',
		outDir: ID_CARD_DIR,
		kinds: ['id-front']
	});
	if (!truth) throw new Error('card generator produced nothing');
	const texture = {
		width: 856,
		height: 540,
		rgb: readImageRgb(join(ID_CARD_DIR, truth.file), 856, 540)
	};
	writeY4m(ID_CARD_Y4M, cardClip(1280, 720, 15, 30, texture));
	// The same person's card set (same seed) in good light: the full journey shows the fake camera
	// the photo side, the emblem side and the bank card in turn. The photo side's portrait must
	// stay sharp enough for the server's face comparison ('phone' blur sends it to manual review).
	const set = await generateCards({
		perKind: 1,
		seed: 21,
		severity: 'clean',
		outDir: JOURNEY_CARD_DIR,
		kinds: ['id-front', 'id-back', 'bank']
	});
	for (const [kind, y4m] of [
		['id-front', ID_FRONT_CLEAN_Y4M],
		['id-back', ID_BACK_Y4M],
		['bank', BANK_CARD_Y4M]
	] as const) {
		const card = set.find((c) => c.kind === kind);
		if (!card) throw new Error(`card generator produced no ${kind}`);
		const rgb = readImageRgb(join(JOURNEY_CARD_DIR, card.file), 856, 540);
		writeY4m(y4m, cardClip(1280, 720, 15, 30, { width: 856, height: 540, rgb }));
	}
}
