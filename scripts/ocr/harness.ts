/**
 * Runs the app's real OCR path in headless Chromium for Node scripts (CLI, benchmark): starts the
 * production server on a free loopback port (`scripts/start.ts`: build if needed, then Hono),
 * opens the `/ocr-check` diagnostics page, and feeds image files through its file input.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM, requireSystem } from '../setup-system.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
export { CHROMIUM };

/** One line as the page reports it (`OcrLine` of src/lib/vision/ocr/protocol.ts, Node-side). */
export interface PageOcrLine {
	text: string;
	box: [x: number, y: number, w: number, h: number];
	score: number;
}

/** What the page reports for one image (the JSON the diagnostics page renders). */
export interface PageOcrResult {
	file: string;
	kind: 'id-front' | 'id-back' | 'bank' | 'unknown';
	lines: PageOcrLine[];
	ms: number;
	timings?: { det: number; rec: number; strips: number };
	/** CPU time the browser spent on this image (all threads and processes), ms. */
	cpuMs?: number;
}

/**
 * CPU time (user + system, ms) of a process tree from /proc — a load-independent cost measure:
 * on a busy shared machine wall time says more about the neighbours than about the pipeline.
 */
export function treeCpuMs(rootPid: number, comm = /chrom/): number {
	const stats = new Map<number, { ppid: number; ticks: number; name: string }>();
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			const raw = readFileSync(`/proc/${name}/stat`, 'utf8');
			const f = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
			const procName = raw.slice(raw.indexOf('(') + 1, raw.lastIndexOf(')'));
			stats.set(Number(name), {
				ppid: Number(f[1]),
				ticks: Number(f[11]) + Number(f[12]),
				name: procName
			});
		} catch {
			// exited meanwhile
		}
	}
	const inTree = (pid: number): boolean => {
		for (let p: number | undefined = pid, i = 0; p && i < 64; i++) {
			if (p === rootPid) return true;
			p = stats.get(p)?.ppid;
		}
		return false;
	};
	let ticks = 0;
	for (const [pid, st] of stats) if (comm.test(st.name) && inTree(pid)) ticks += st.ticks;
	return ticks * 10; // USER_HZ is 100 on Linux
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const addr = srv.address();
			const port = typeof addr === 'object' && addr ? addr.port : 0;
			srv.close(() => resolve(port));
		});
	});
}

export interface Harness {
	url: string;
	browser: Browser;
	page: Page;
	/** Bytes the page fetched so far, by URL path. */
	bytes: Map<string, number>;
	/** Model warm-up time reported by the page (ms). */
	warmMs: number;
	/** WASM threads onnxruntime-web runs with on the page. */
	threads: number;
	ocr(file: string): Promise<PageOcrResult>;
	close(): Promise<void>;
}

async function waitForHealth(url: string, server: ChildProcess, timeoutMs: number): Promise<void> {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
		try {
			const r = await fetch(`${url}/api/health`);
			if (r.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error('server did not become healthy');
}

/** Starts server + browser and opens the OCR page with warm sessions. */
export async function startHarness(
	opts: { cpuThrottle?: number; detMaxSide?: number } = {}
): Promise<Harness> {
	requireSystem(['chromium', 'fonts-noto-cjk'], 'The browser OCR');
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const server = spawn('npx', ['tsx', 'scripts/start.ts'], {
		cwd: ROOT,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: mkdtempSync(join(tmpdir(), 'kaihu-ocr-')),
			DATABASE_URL: ''
		},
		stdio: ['ignore', 'ignore', 'inherit'],
		detached: true
	});
	const stopServer = () => {
		if (server.pid && server.exitCode === null) {
			try {
				process.kill(-server.pid, 'SIGTERM');
			} catch {
				// already gone
			}
		}
	};
	let browser: Browser | undefined;
	try {
		await waitForHealth(url, server, 180_000);
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run']
		});
		const page = await browser.newPage();
		// Chromium runs as a child of this process; its CPU is summed over processes named chrom*.
		const browserPid = () => process.pid;
		const bytes = new Map<string, number>();
		page.on('requestfinished', async (req) => {
			const sizes = await req.sizes().catch(() => undefined);
			if (sizes) bytes.set(new URL(req.url()).pathname, sizes.responseBodySize);
		});
		if (opts.cpuThrottle && opts.cpuThrottle > 1) {
			const cdp = await page.context().newCDPSession(page);
			await cdp.send('Emulation.setCPUThrottlingRate', { rate: opts.cpuThrottle });
		}
		await page.goto(`${url}/ocr-check${opts.detMaxSide ? `?det=${opts.detMaxSide}` : ''}`);
		const warm = page.getByTestId('ocr-warm');
		await warm.and(page.locator('[data-ready="yes"]')).waitFor({ timeout: 120_000 });
		const warmMs = Number(await warm.getAttribute('data-ms'));
		const threads = Number(await warm.getAttribute('data-threads'));
		let n = 0;
		const ocr = async (file: string): Promise<PageOcrResult> => {
			n++;
			const pid = browserPid();
			const cpu0 = pid ? treeCpuMs(pid) : NaN;
			await page.getByTestId('ocr-file').setInputFiles(file);
			const json = page.getByTestId('ocr-json');
			const done = page.locator(`[data-testid="ocr-json"][data-n="${n}"]`);
			const failed = page.getByRole('alert');
			await done.or(failed).first().waitFor({ state: 'attached', timeout: 60_000 });
			if ((await done.count()) === 0) throw new Error(`OCR failed: ${await failed.textContent()}`);
			const result = JSON.parse((await json.textContent()) ?? '{}') as PageOcrResult;
			return { ...result, cpuMs: pid ? treeCpuMs(pid) - cpu0 : undefined };
		};
		return {
			url,
			browser,
			page,
			bytes,
			warmMs,
			threads,
			ocr,
			close: async () => {
				await browser?.close();
				stopServer();
			}
		};
	} catch (err) {
		await browser?.close();
		stopServer();
		throw err;
	}
}
