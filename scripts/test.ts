/**
 * `npm test`: everything CI runs, in order, stopping at the first failing layer.
 *   1. system packages the tests need (apt-get as root when missing)
 *   2. model pipeline verification (sha256 against the committed manifest)
 *   3. `npm run check` — svelte-check, tsc (server, e2e, workers without DOM), eslint, prettier
 *   4. vitest: unit + server (SQLite and a throwaway PostgreSQL)
 *   5. Playwright e2e in Debian Chromium against the production build on the real server
 * Ends with one summary line: `tests: N passed, N failed, N skipped`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setupSystem } from './setup-system.ts';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'reports'); // not test-results/: Playwright empties that
mkdirSync(OUT, { recursive: true });

function run(label: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
	const started = Date.now();
	console.log(`\n=== ${label}`);
	const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
	console.log(
		`=== ${label}: ${r.status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`
	);
	return r.status === 0;
}

interface Counts {
	passed: number;
	failed: number;
	skipped: number;
}

function vitestCounts(file: string): Counts {
	if (!existsSync(file)) return { passed: 0, failed: 0, skipped: 0 };
	const j = JSON.parse(readFileSync(file, 'utf8')) as {
		numPassedTests: number;
		numFailedTests: number;
		numPendingTests: number;
		numTodoTests: number;
	};
	return {
		passed: j.numPassedTests,
		failed: j.numFailedTests,
		skipped: j.numPendingTests + j.numTodoTests
	};
}

function playwrightCounts(file: string): Counts {
	if (!existsSync(file)) return { passed: 0, failed: 0, skipped: 0 };
	const j = JSON.parse(readFileSync(file, 'utf8')) as {
		stats: { expected: number; unexpected: number; flaky: number; skipped: number };
	};
	return {
		passed: j.stats.expected + j.stats.flaky,
		failed: j.stats.unexpected,
		skipped: j.stats.skipped
	};
}

/**
 * The production build the e2e server needs (`scripts/start.ts` skips it when the stamp is
 * current), started alongside `check` — both are mostly single-threaded, so on 2 cores this
 * takes the build off the critical path. Its output goes to a log, printed if it fails.
 */
function buildInBackground(): () => Promise<boolean> {
	const logFile = join(OUT, 'build.log');
	const started = Date.now();
	const child = spawn('npx', ['tsx', 'scripts/start.ts', '--build-only'], {
		cwd: ROOT,
		stdio: ['ignore', openSync(logFile, 'w'), openSync(logFile, 'a')]
	});
	const done = new Promise<boolean>((resolve) => child.on('exit', (code) => resolve(code === 0)));
	return async () => {
		const ok = await done;
		const secs = ((Date.now() - started) / 1000).toFixed(1);
		console.log(`\n=== client build (alongside check): ${ok ? 'ok' : 'FAILED'} (${secs} s)`);
		if (!ok) console.log(readFileSync(logFile, 'utf8'));
		return ok;
	};
}

setupSystem();
const vitestJson = join(OUT, 'vitest.json');
const playwrightJson = join(OUT, 'playwright.json');
let built: (() => Promise<boolean>) | undefined;
const ok =
	run('model pipeline', 'npx', ['tsx', 'scripts/models/index.ts']) &&
	// Generated types first, so the build and `check` (which syncs again) never write them at once.
	run('svelte-kit sync', 'npx', ['svelte-kit', 'sync']) &&
	((built = buildInBackground()), run('check', 'npm', ['run', 'check'])) &&
	run('vitest (unit + server)', 'npx', [
		'vitest',
		'run',
		'--reporter=verbose',
		'--reporter=json',
		`--outputFile.json=${vitestJson}`
	]) &&
	(await built()) &&
	run('e2e (Chromium)', 'npx', ['playwright', 'test', '--reporter=list,json'], {
		PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson
	});

const counts = [vitestCounts(vitestJson), playwrightCounts(playwrightJson)].reduce((a, b) => ({
	passed: a.passed + b.passed,
	failed: a.failed + b.failed,
	skipped: a.skipped + b.skipped
}));
await built?.(); // never leave the build running
if (!ok && counts.failed === 0) counts.failed = 1; // a failed check/lint step counts as a failure
console.log(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(ok ? 0 : 1);
