import { existsSync, mkdirSync } from 'node:fs';
import { setupSystem } from '../../scripts/setup-system.ts';
import { patternFrames } from '../fixtures/pattern.ts';
import { writeY4m } from '../fixtures/y4m.ts';
import { CHROMIUM, GENERATED, PATTERN_Y4M } from './browser.ts';

/** Makes sure Chromium exists and the fake-camera files are generated before any browser starts. */
export default function globalSetup(): void {
	setupSystem();
	if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`);
	mkdirSync(GENERATED, { recursive: true });
	writeY4m(PATTERN_Y4M, patternFrames());
}
