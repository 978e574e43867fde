/**
 * Runs the app's real liveness page in headless Debian Chromium for Node scripts (the
 * `npm run liveness` CLI and `npm run bench:face`): starts the production server on a free port
 * (`scripts/start.ts`: build if needed, then Hono) and launches Chromium with a video file as the
 * fake camera (and optionally a WAV file as the fake microphone).
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM, requireSystem } from '../setup-system.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
export { CHROMIUM };

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const addr = srv.address();
			srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
		});
	});
}

async function waitForHealth(url: string, server: ChildProcess): Promise<void> {
	const until = Date.now() + 240_000;
	while (Date.now() < until) {
		if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
		if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) return; // prettier-ignore
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error('server did not become healthy');
}

export interface AppServer {
	url: string;
	close(): void;
}

/** Starts the production server on a free loopback port with a throwaway data directory. */
export async function startServer(): Promise<AppServer> {
	const url = `http://127.0.0.1:${await freePort()}`;
	const server = spawn('npx', ['tsx', 'scripts/start.ts'], {
		cwd: ROOT,
		env: { ...process.env, PORT: new URL(url).port, HOST: '127.0.0.1', DATA_DIR: mkdtempSync(join(tmpdir(), 'kaihu-liveness-')), DATABASE_URL: '' }, // prettier-ignore
		stdio: ['ignore', 'ignore', 'inherit'],
		detached: true
	});
	const close = () => {
		if (server.pid && server.exitCode === null) {
			try {
				process.kill(-server.pid, 'SIGTERM');
			} catch {
				// already gone
			}
		}
	};
	try {
		await waitForHealth(url, server);
	} catch (err) {
		close();
		throw err;
	}
	return { url, close };
}

/** Chromium with `y4m` as the camera (and `wav` as the microphone when given). */
export function launchWithCamera(y4m: string, wav?: string): Promise<Browser> {
	requireSystem(['chromium'], 'The browser liveness check');
	return chromium.launch({
		executablePath: CHROMIUM,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--no-first-run',
			'--use-fake-ui-for-media-stream',
			'--use-fake-device-for-media-stream',
			`--use-file-for-fake-video-capture=${y4m}`,
			...(wav ? [`--use-file-for-fake-audio-capture=${wav}`] : [])
		]
	});
}

/** What the liveness page reports after an attempt (`liveness-json`). */
export interface PageReport {
	passed: boolean;
	reason: string | null;
	steps: { action: string; passed: boolean; startedAt: number; endedAt: number; score: number }[];
	attempt: number;
	manualReview: boolean;
	evidence: { frame: boolean; clip: boolean };
	tracker: { frames: number; fps: number; medianMs: number; medianRoundTripMs: number };
}

/** Waits for attempt number `n` to be reported by the liveness page. */
export async function attemptReport(page: Page, n = 1, timeout = 90_000): Promise<PageReport> {
	const pre = page.locator(`[data-testid="liveness-json"][data-attempt="${n}"]`);
	await pre.waitFor({ state: 'attached', timeout });
	const sel = `[data-testid="liveness-json"][data-attempt="${n}"]`;
	await page.waitForFunction(`document.querySelector('${sel}')?.textContent`, null, { timeout });
	return JSON.parse((await pre.textContent()) ?? '{}') as PageReport;
}
