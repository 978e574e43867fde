/**
 * How the e2e tests launch Debian's Chromium: the system binary (installed by
 * scripts/setup-system.ts), flags that keep it off the network, and a scripted fake camera.
 */
import { join } from 'node:path';

export const CHROMIUM = process.env.KAIHU_CHROMIUM ?? '/usr/bin/chromium';
export const GENERATED = join(import.meta.dirname, '..', '.generated');
export const PATTERN_Y4M = join(GENERATED, 'pattern.y4m');
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
