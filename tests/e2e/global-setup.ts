import { existsSync, mkdirSync } from 'node:fs';
import { setupSystem } from '../../scripts/setup-system.ts';
import { background, cardClip, cardTexture, renderCard } from '../fixtures/card-scene.ts';
import { writeImage } from '../fixtures/image.ts';
import { patternFrames } from '../fixtures/pattern.ts';
import { writeY4m } from '../fixtures/y4m.ts';
import {
	CARD_PHOTO,
	CARD_Y4M,
	CHROMIUM,
	GENERATED,
	NO_CARD_PHOTO,
	PATTERN_Y4M
} from './browser.ts';

/** Makes sure Chromium exists and the fake-camera files are generated before any browser starts. */
export default function globalSetup(): void {
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
}
