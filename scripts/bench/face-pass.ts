/**
 * `npm run bench:face` (time-to-pass part): the scripted face actor (a real photo warped to act,
 * `tests/fixtures/faces/actor/`) takes fixed challenges that together cover all six actions, on
 * the real liveness page (tracker worker + engine) in Debian Chromium with the actor's video and
 * voice as the fake camera and microphone. Prints, per challenge, whether it passed, the time to
 * pass (first step's start → last step's end) and each step's time, and the tracker's fps.
 * The actor acts on a fixed schedule (`FAKE_CAMERA_TIMING`), so the time to pass is bounded
 * below by the script; a real user is measured the same way on the page.
 */
import type { ChallengeStep, LivenessAction } from '../../src/lib/vision/liveness/types.ts';
import { cooperative } from '../../tests/fixtures/faces/actor/attacks.ts';
import { FAKE_CAMERA_TIMING } from '../../tests/fixtures/faces/actor/script.ts';
import { renderActorVideo } from '../../tests/fixtures/faces/actor/videos.ts';
import { attemptReport, launchWithCamera, startServer } from '../liveness/harness.ts';

const DIGITS = '4821';
/** A fixed prompt schedule (the server draws one per challenge from its nonce). */
const DELAYS = [1500, 2000, 1200];
const CHALLENGES: LivenessAction[][] = [
	['blink', 'turn-left', 'read-digits'],
	['turn-right', 'nod', 'open-mouth']
];

const server = await startServer();
try {
	console.log(
		`\nTime to pass (face actor "astronaut", fixed challenges covering all six actions):`
	);
	for (const actions of CHALLENGES) {
		const steps: ChallengeStep[] = actions.map((action) =>
			action === 'read-digits' ? { action, digits: DIGITS } : { action }
		);
		const video = await renderActorVideo(cooperative({ steps, promptDelaysMs: DELAYS }, FAKE_CAMERA_TIMING).script); // prettier-ignore
		const browser = await launchWithCamera(video.y4m, video.wav);
		try {
			const page = await browser.newPage();
			const query = new URLSearchParams({ demo: '1', autostart: '1', challenges: actions.join(','), digits: DIGITS, delays: DELAYS.join(',') }); // prettier-ignore
			await page.goto(`${server.url}/liveness?${query}`);
			const r = await attemptReport(page);
			const first = r.steps[0]?.startedAt ?? 0;
			const last = r.steps.at(-1)?.endedAt ?? first;
			const per = r.steps.map((s) => `${s.action} ${((s.endedAt - s.startedAt) / 1000).toFixed(2)} s`).join(', '); // prettier-ignore
			console.log(
				`  ${actions.join(',').padEnd(32)} ${r.passed ? 'passed' : `FAILED (${r.reason})`} in ${((last - first) / 1000).toFixed(2)} s  [${per}]  tracker ${r.tracker.fps.toFixed(1)} fps`
			);
		} finally {
			await browser.close();
		}
	}
} finally {
	server.close();
}
