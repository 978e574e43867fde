/**
 * `npm run liveness -- --all-challenges [--video <file>] …` measures the video once and evaluates
 * every challenge the server can issue offline (`all-challenges.ts`).
 *
 * `npm run liveness -- --json --video <file> --challenges blink,turn-left,open-mouth
 * [--digits 4821] [--audio <wav>]`: runs the browser liveness engine on the app's real page
 * (tracker worker, engine, same code as a customer's phone) in headless Debian Chromium with the
 * video as the fake camera, in demo mode (nothing is stored), and prints
 * `{"passed":bool,"reason":"<code>"|null,"steps":[…]}`. Exit code 0 = passed, 1 = not passed,
 * 2 = could not run. Non-y4m videos are converted with ffmpeg first.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { mediaToY4m } from '../../tests/fixtures/y4m.ts';
import { requireSystem } from '../setup-system.ts';
import { attemptReport, launchWithCamera, startServer } from './harness.ts';

function arg(name: string): string | undefined {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv.includes('--all-challenges')) {
	const { allChallenges } = await import('./all-challenges.ts');
	process.exit(await allChallenges());
}

const video = arg('video');
const challenges = arg('challenges');
const json = process.argv.includes('--json');
if (!video || !challenges) {
	console.error('usage: npm run liveness -- [--json] --video <file> --challenges blink,turn-left,… [--digits 1234] [--audio file.wav]'); // prettier-ignore
	console.error('       npm run liveness -- --all-challenges [--video <file> | --clips id,… | --committed] [--trials 1] [--random-variants] [--rules current|pre17|naive] [--gain 1] [--json]'); // prettier-ignore
	process.exit(2);
}

requireSystem(['chromium', 'ffmpeg'], 'npm run liveness');
let y4m = resolve(video);
if (!y4m.endsWith('.y4m')) {
	y4m = join(mkdtempSync(join(tmpdir(), 'kaihu-cli-')), 'camera.y4m');
	mediaToY4m(resolve(video), y4m, { width: 640, height: 480, fps: 30 });
}
const server = await startServer();
const browser = await launchWithCamera(y4m, arg('audio') ? resolve(arg('audio')!) : undefined);
try {
	const page = await browser.newPage();
	const query = new URLSearchParams({ demo: '1', autostart: '1', challenges });
	if (arg('digits')) query.set('digits', arg('digits')!);
	await page.goto(`${server.url}/liveness?${query}`);
	const r = await attemptReport(page);
	const out = { passed: r.passed, reason: r.reason, steps: r.steps };
	if (json) console.log(JSON.stringify(out));
	else {
		console.log(`liveness: ${r.passed ? 'PASSED' : `FAILED (${r.reason})`}`);
		for (const s of r.steps)
			console.log(`  ${s.passed ? '✓' : '✗'} ${s.action.padEnd(12)} ${(s.endedAt - s.startedAt).toFixed(0).padStart(5)} ms  score ${s.score.toFixed(2)}`); // prettier-ignore
		console.log(
			`  tracker ${r.tracker.fps.toFixed(1)} fps, ${r.tracker.medianMs.toFixed(1)} ms/frame`
		);
	}
	process.exitCode = r.passed ? 0 : 1;
} catch (err) {
	console.error(`liveness: could not run — ${err instanceof Error ? err.message : String(err)}`);
	process.exitCode = 2;
} finally {
	await browser.close();
	server.close();
}
