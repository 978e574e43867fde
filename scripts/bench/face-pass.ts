/**
 * `npm run bench:face` (pass-rate part): the chance that a random natural replay (the real
 * talking-face clips of `tests/fixtures/faces/replays/`, as measured by the app's tracker) passes a
 * random server challenge, under the current rules and, as the named peers on the same trials, the
 * pre-#17 rules (same detectors, prompt at the step's start, no start window, no neutral hold) and
 * "3 actions in order, no timing"; as recorded, and with the motion amplified ×2.
 * `KAIHU_REPLAY_ONLY=1` runs only this part; `KAIHU_REPLAY_TRIALS` (default 1) sets the random nonces and start points per order and variant.
 *
 * (time-to-pass part): the scripted face actor (a real photo warped to act,
 * `tests/fixtures/faces/actor/`) takes fixed challenges that together cover all six actions, on
 * the real liveness page (tracker worker + engine) in Debian Chromium with the actor's video and
 * voice as the fake camera and microphone. Prints, per challenge, whether it passed, the time to
 * pass (first step's start → last step's end) and each step's time, and the tracker's fps.
 * The actor acts on a fixed schedule (`FAKE_CAMERA_TIMING`), so the time to pass is bounded
 * below by the script; a real user is measured the same way on the page.
 */
import {
	LIVENESS_ACTIONS,
	type ChallengeStep,
	type LivenessAction
} from '../../src/lib/vision/liveness/types.ts';
import { cooperative } from '../../tests/fixtures/faces/actor/attacks.ts';
import { FAKE_CAMERA_TIMING } from '../../tests/fixtures/faces/actor/script.ts';
import { renderActorVideo } from '../../tests/fixtures/faces/actor/videos.ts';
import { attemptReport, launchWithCamera, startServer } from '../liveness/harness.ts';
import { formatRate, formatReasons } from '../../tests/fixtures/faces/replays/evaluate.ts';
import { replayReport } from '../../tests/fixtures/faces/replays/report.ts';
import { loadTraces } from '../../tests/fixtures/faces/replays/trace.ts';

const DIGITS = '4821';
/** A fixed prompt schedule (the server draws one per challenge from its nonce). */
const DELAYS = [1500, 2000, 1200];
const CHALLENGES: LivenessAction[][] = [
	['blink', 'turn-left', 'read-digits'],
	['turn-right', 'nod', 'open-mouth']
];

{
	const traces = loadTraces();
	const people = new Set(traces.map((t) => t.person)).size;
	const trialsPerOrder = Number(process.env.KAIHU_REPLAY_TRIALS ?? 1);
	console.log(`\nChance that a random natural replay passes a random challenge (${traces.length} clips of ${people} people; 120 step orders × ${trialsPerOrder} random nonce + start point × 16 variants: standard/large-text limits × 15/7.5 fps × mirrored or not × silent or lip-synced voice; the same trials for every row):`); // prettier-ignore
	const label = { current: 'current rules (#17)           ', pre17: 'pre-#17 rules (peer, emulated)', naive: '3 actions in order, no timing ' }; // prettier-ignore
	for (const gain of [1, 2]) {
		console.log(gain === 1 ? '  as recorded:' : `  motion amplified ×${gain} (an expressive talker, natural timing):`); // prettier-ignore
		for (const rules of ['current', 'pre17', 'naive'] as const) {
			const t0 = performance.now();
			const { total, heardChecked } = await replayReport(traces, { trialsPerOrder, rules, gain, seed: 7 }); // prettier-ignore
			console.log(`    ${label[rules]} ${formatRate(total.accepted, total.trials)}  [${((performance.now() - t0) / 1000).toFixed(1)} s]`); // prettier-ignore
			if (rules === 'current')
				console.log(`        spoken-digits check: ${heardChecked} passed the face's side of a read-digits order; own words heard as the issued digits: ${total.accepted}`); // prettier-ignore
			console.log(`        reasons: ${formatReasons(total.reasons)}`);
		}
	}
	// Where the risk sits: each action alone as a one-step challenge (20 trials per clip and variant).
	console.log('  one action alone (as recorded), current rules vs pre-#17:');
	for (const action of LIVENESS_ACTIONS) {
		const rate = async (rules: 'current' | 'pre17') => {
			const { total } = await replayReport(traces, { trialsPerOrder: 20, orders: [[action]], rules, seed: 7 }); // prettier-ignore
			return `${((100 * total.accepted) / total.trials).toFixed(1).padStart(5)} %`;
		};
		console.log(`    ${action.padEnd(12)} ${await rate('current')}  vs ${await rate('pre17')}`);
	}
}

// KAIHU_REPLAY_ONLY=1: the pass-rate part only (no browser, no server).
const server = process.env.KAIHU_REPLAY_ONLY === '1' ? undefined : await startServer();
if (server)
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
