/**
 * A customer's phone for the full journey: Debian Chromium whose fake camera and microphone read
 * files through symlinks the test points elsewhere between steps. Chromium opens the file each
 * time a page opens the camera, so the card pages see the card the test "holds up" (photo side,
 * emblem side, bank card) and the liveness page sees the face actor, all in one browser session
 * (one IndexedDB, one encrypted store, one app state).
 */
import { chromium, type Browser } from '@playwright/test';
import { mkdtempSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeWav } from '../../fixtures/faces/actor/audio.ts';
import { launchOptions } from '../browser.ts';

export class FakeCamera {
	readonly dir = mkdtempSync(join(tmpdir(), 'kaihu-camera-'));
	readonly video = join(this.dir, 'camera.y4m');
	readonly audio = join(this.dir, 'microphone.wav');
	readonly #silence = join(this.dir, 'silence.wav');

	constructor(first: string) {
		writeWav(this.#silence, new Int16Array(16_000));
		this.show(first);
	}

	/** What the camera (and microphone) play from the next time a page opens them. */
	show(y4m: string, wav = this.#silence): void {
		for (const [link, target] of [
			[this.video, y4m],
			[this.audio, wav]
		] as const) {
			// A new link renamed over the old one: the browser never sees a missing file.
			const tmp = `${link}.next`;
			rmSync(tmp, { force: true });
			symlinkSync(target, tmp);
			renameSync(tmp, link);
		}
	}

	/** Launches Chromium with this camera and microphone. */
	async launch(): Promise<Browser> {
		const { executablePath, args } = launchOptions(this.video);
		return chromium.launch({
			executablePath,
			args: [
				...args,
				`--use-file-for-fake-audio-capture=${this.audio}`,
				// The puppet actor's voice (../puppet.ts) plays without a click.
				'--autoplay-policy=no-user-gesture-required'
			]
		});
	}

	dispose(): void {
		rmSync(this.dir, { recursive: true, force: true });
	}
}
