import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

/** Runs a documented CLI on a machine where Chromium is missing and apt-get may not be used. */
function runWithoutChromium(script: string, args: string[]) {
	return spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
		cwd: ROOT,
		encoding: 'utf8',
		timeout: 60_000,
		env: { ...process.env, KAIHU_CHROMIUM: '/nonexistent/chromium', KAIHU_NO_APT: '1' }
	});
}

describe('documented CLIs on a machine without Chromium', () => {
	it.each([
		['npm run ocr', 'scripts/ocr/cli.ts', ['card.png']],
		['npm run liveness', 'scripts/liveness/cli.ts', ['--video', 'x.mp4', '--challenges', 'blink']]
	])('%s prints the one command that installs it and exits 2', (_name, script, args) => {
		const r = runWithoutChromium(script, args);
		expect(r.status).toBe(2);
		expect(r.stderr).toContain('apt-get install -y --no-install-recommends chromium');
		expect(r.stderr).not.toMatch(/executable doesn't exist/i);
	});
});
