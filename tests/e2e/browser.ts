/**
 * How the e2e tests launch Debian's Chromium: the system binary (installed by
 * scripts/setup-system.ts), flags that keep it off the network, and a scripted fake camera.
 */
import { join } from 'node:path';

export const CHROMIUM = process.env.KAIHU_CHROMIUM ?? '/usr/bin/chromium';
export const GENERATED = join(import.meta.dirname, '..', '.generated');
export const PATTERN_Y4M = join(GENERATED, 'pattern.y4m');
/** A card sliding into view and settling (tests/fixtures/card-scene.ts). */
export const CARD_Y4M = join(GENERATED, 'card-clip.y4m');
/** A generated ID card (real layout, fonts, portrait) sliding into view and settling. */
export const ID_CARD_Y4M = join(GENERATED, 'id-card-clip.y4m');
/** Where the generated card of that clip and its ground truth live. */
export const ID_CARD_DIR = join(GENERATED, 'cards', 'e2e-video');
/** One person's card set held up in good light (both ID sides and the bank card), for the full journey. */
export const JOURNEY_CARD_DIR = join(GENERATED, 'cards', 'e2e-journey');
export const ID_FRONT_CLEAN_Y4M = join(GENERATED, 'id-front-clean-clip.y4m');
export const ID_BACK_Y4M = join(GENERATED, 'id-back-clip.y4m');
export const BANK_CARD_Y4M = join(GENERATED, 'bank-card-clip.y4m');
/** A phone-like photo of a card: perspective, blur, noise, JPEG. */
export const CARD_PHOTO = join(GENERATED, 'card-photo.jpg');
/** A photo with no card in it. */
export const NO_CARD_PHOTO = join(GENERATED, 'no-card.jpg');
/** The e2e server's SIGNALLING_SECRET, so witness tests can issue call credentials. */
export const E2E_SIGNALLING_SECRET = 'e2e-only-signalling-secret-0123456789abcdef';

const BASE_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

/** Launch options with the fake camera playing `y4m` (and a fake microphone). */
export function launchOptions(y4m: string = PATTERN_Y4M) {
	return {
		executablePath: CHROMIUM,
		args: [
			...BASE_ARGS,
			'--use-fake-ui-for-media-stream',
			'--use-fake-device-for-media-stream',
			`--use-file-for-fake-video-capture=${y4m}`
		]
	};
}
