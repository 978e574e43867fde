/**
 * `npm run liveness -- --all-challenges [--video F | --clips id,… | --committed]
 * [--trials 1] [--random-variants] [--rules current|pre17|naive] [--gain 1] [--json]`: measures a video once with the
 * app's real tracker in headless Chromium (every frame, `tests/fixtures/faces/replays/record.ts`),
 * then runs the pure liveness engine over that trace under every challenge the server can issue
 * (120 step orders × `--trials` random nonces and start points in the looped video × each of 16
 * variants: standard and large-text limits × 15 / 7.5 fps × as recorded and mirrored × silent and
 * with a voice that follows the lips; `--random-variants` draws one variant per trial instead). Prints a table per clip and overall; exit code 0 = no trial accepted,
 * 1 = some replay passed, 2 = could not run.
 * Without `--video`: the whole replay attack set (recorded once and cached), or with
 * `--committed` its committed traces (no browser).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { REPLAY_CLIPS, replayClip } from '../../tests/fixtures/faces/replays/clips.ts';
import { launchRecorderBrowser, recordTrace } from '../../tests/fixtures/faces/replays/record.ts';
import { formatRow, formatTotal, replayReport } from '../../tests/fixtures/faces/replays/report.ts';
import { cachedTrace, clipTrace } from '../../tests/fixtures/faces/replays/set.ts';
import { loadTraces, type ReplayTrace } from '../../tests/fixtures/faces/replays/trace.ts';
import { mediaToY4m } from '../../tests/fixtures/y4m.ts';
import { requireSystem } from '../setup-system.ts';

function arg(name: string): string | undefined {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? process.argv[i + 1] : undefined;
}

const json = process.argv.includes('--json');
const log = (s: string) => (json ? console.error(s) : console.log(s));

async function videoTrace(file: string): Promise<ReplayTrace> {
	requireSystem(['chromium', 'ffmpeg'], 'npm run liveness -- --all-challenges');
	const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
	const tmp = file.endsWith('.y4m') ? undefined : mkdtempSync(join(tmpdir(), 'kaihu-replay-'));
	const y4m = tmp ? join(tmp, 'camera.y4m') : file;
	if (tmp) mediaToY4m(file, y4m, { width: 640, height: 480, fps: 15 });
	const frames = await recordTrace(y4m, {
		onProgress: (d, n) => process.stderr.write(`\rrecording ${d}/${n} frames`)
	}).finally(() => tmp && rmSync(tmp, { recursive: true, force: true }));
	process.stderr.write('\n');
	const fps = frames.length > 1 ? 1000 / (frames[1]!.t - frames[0]!.t) : 15;
	return {
		clip: basename(file),
		person: '?',
		sourceSha256: sha256,
		clipKey: sha256.slice(0, 16),
		fps,
		width: frames[0]?.frameWidth ?? 640,
		height: frames[0]?.frameHeight ?? 480,
		frames
	};
}

async function setTraces(): Promise<ReplayTrace[]> {
	if (process.argv.includes('--committed')) return loadTraces();
	const clips = arg('clips') ? arg('clips')!.split(',').map(replayClip) : REPLAY_CLIPS;
	const cached = clips.map(cachedTrace);
	if (cached.every((t) => t !== undefined)) return cached;
	// Recording needs the browser (the committed traces do not: --committed).
	requireSystem(
		['chromium', 'ffmpeg'],
		'npm run liveness -- --all-challenges (or use --committed)'
	);
	const browser = await launchRecorderBrowser();
	try {
		const out: ReplayTrace[] = [];
		for (const clip of clips)
			out.push(
				await clipTrace(clip, {
					browser,
					onProgress: (d, n) => process.stderr.write(`\r${clip.id}: recording ${d}/${n} frames`)
				})
			);
		process.stderr.write('\n');
		return out;
	} finally {
		await browser.close();
	}
}

export async function allChallenges(): Promise<number> {
	const video = arg('video');
	let traces: ReplayTrace[];
	try {
		traces = video ? [await videoTrace(resolve(video))] : await setTraces();
	} catch (err) {
		console.error(`liveness: could not run — ${err instanceof Error ? err.message : String(err)}`);
		return 2;
	}
	const trialsPerOrder = Number(arg('trials') ?? 1);
	const variants = process.argv.includes('--random-variants') ? 'random' : 'all';
	const rules = (['pre17', 'naive'] as const).find((r) => r === arg('rules')) ?? 'current';
	const gain = Number(arg('gain') ?? 1);
	const named = { current: 'current rules', pre17: 'pre-#17 rules (emulated)', naive: '3 actions in order, no timing' }; // prettier-ignore
	const what = variants === 'all' ? '× 16 variants (2 step limits × 2 frame rates × mirrored or not × silent or lip voice)' : '× 1 random variant'; // prettier-ignore
	log(`Every challenge the server can issue: 120 step orders × ${trialsPerOrder} random nonce + start point ${what}; ${named[rules]}${gain !== 1 ? `; motion amplified ×${gain}` : ''}`); // prettier-ignore
	const { rows, total, heardChecked } = await replayReport(traces, { trialsPerOrder, variants, rules, gain }, (r) => log(formatRow(r))); // prettier-ignore
	log(formatTotal(total, new Set(traces.map((t) => t.person)).size, traces.length));
	if (rules === 'current')
		log(`  spoken-digits check: ${heardChecked} replays passed the face's side of a read-digits challenge; their own words heard as the issued digits: ${total.accepted} (wrong_digits ${total.reasons.wrong_digits ?? 0})`); // prettier-ignore
	if (total.accepted > 0) {
		log('accepted trials (first 20):');
		for (const c of total.acceptedCases) log(`  ${JSON.stringify(c)}`);
	}
	if (json) console.log(JSON.stringify({ rows: rows.map(({ clip, person, tally }) => ({ clip, person, ...tally })), total })); // prettier-ignore
	return total.accepted > 0 ? 1 : 0;
}
