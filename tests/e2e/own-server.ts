/**
 * A second Kaihu server under a test's control (same build, own port and data directory), so a
 * test can kill and restart it at will. The port stays fixed across restarts: the page's origin,
 * service worker and IndexedDB depend on it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { buildSync } from 'esbuild';
import { appendFileSync, createWriteStream, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
// One level below the root, so the server's `../package.json` (its version) still resolves.
// Benches set KAIHU_OWN_SERVER_BUNDLE (e.g. `reports/kaihu-server.mjs`): Playwright empties
// `test-results/` when a test run starts, which would pull the bundle from under a running bench.
const bundlePath = () =>
	join(ROOT, process.env.KAIHU_OWN_SERVER_BUNDLE ?? join('test-results', 'kaihu-server.mjs'));
let bundled = false;

/**
 * Bundles `server/index.ts` once (dependencies stay external): a restart then costs a plain
 * `node` start instead of transpiling every module again, which matters over dozens of kills.
 */
function bundle(): string {
	if (!bundled) {
		buildSync({
			entryPoints: [join(ROOT, 'server', 'index.ts')],
			bundle: true,
			platform: 'node',
			format: 'esm',
			packages: 'external',
			outfile: bundlePath(),
			// The face modules and the spoken-digits loader find their files from their own folder
			// (`../../static`); in the bundle that folder would be test-results/, and the server
			// would run without face models or digit recogniser. They are the only readers of
			// import.meta.dirname (version.ts uses import.meta.url, which stays one level below
			// the root as above).
			define: { 'import.meta.dirname': JSON.stringify(join(ROOT, 'server', 'face')) },
			logLevel: 'warning'
		});
		bundled = true;
	}
	return bundlePath();
}

/** A free loopback port (asked of the OS, then released). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const addr = s.address();
			const port = typeof addr === 'object' && addr ? addr.port : 0;
			s.close(() => resolve(port));
		});
	});
}

export class OwnServer {
	readonly dataDir = mkdtempSync(join(tmpdir(), 'kaihu-own-'));
	private child: ChildProcess | undefined;
	restarts = 0;
	/** When set, everything the server writes is appended to this file too (privacy log checks). */
	teeTo: string | undefined;

	/**
	 * `clientDir` defaults to the real build; tests that alter the client pass a copy. `env` adds
	 * to (or overrides) the server's environment, e.g. `DATABASE_URL` + `KAIHU_DATA_KEY` for
	 * PostgreSQL (embedded SQLite in `dataDir` otherwise). `nodeArgs` go before the bundle
	 * (`--cpu-prof` for a profile, which is not allowed in `NODE_OPTIONS`).
	 */
	constructor(
		readonly port: number,
		readonly clientDir = join(ROOT, 'build'),
		readonly env: Record<string, string> = {},
		readonly nodeArgs: readonly string[] = []
	) {}

	get origin(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	/** Starts the server and resolves once `/api/health` answers. */
	async start(): Promise<void> {
		const child = spawn(process.execPath, [...this.nodeArgs, bundle()], {
			cwd: ROOT,
			env: {
				...process.env,
				PORT: String(this.port),
				HOST: '127.0.0.1',
				DATA_DIR: this.dataDir,
				CLIENT_DIR: this.clientDir,
				DATABASE_URL: '',
				...this.env
			},
			stdio: ['ignore', 'pipe', this.teeTo ? 'pipe' : 'inherit']
		});
		this.child = child;
		const tee = this.teeTo;
		if (tee) {
			child.stdout?.on('data', (d: Buffer) => appendFileSync(tee, d));
			child.stderr?.on('data', (d: Buffer) => {
				appendFileSync(tee, d);
				process.stderr.write(d);
			});
		}
		// The server prints one JSON line once it listens (no polling: a polled connection to the
		// killed instance can hang).
		await new Promise<void>((resolve, reject) => {
			// Benches on a loaded machine may allow more (KAIHU_OWN_SERVER_START_MS).
			const ms = Number(process.env.KAIHU_OWN_SERVER_START_MS ?? 20_000);
			const timer = setTimeout(() => reject(new Error(`server did not start in ${ms} ms`)), ms);
			let out = '';
			child.stdout?.on('data', (d: Buffer) => {
				out += d.toString();
				if (out.includes('"listening"')) {
					clearTimeout(timer);
					resolve();
				}
			});
			child.once('exit', (code) => {
				clearTimeout(timer);
				reject(new Error(`server exited with ${code}`));
			});
		});
		// KAIHU_OWN_SERVER_LOG=file keeps the server's request log (one JSON line per request)
		// across restarts, to see which request stalls in a long run; otherwise it is dropped.
		const log = process.env.KAIHU_OWN_SERVER_LOG;
		if (log) child.stdout?.pipe(createWriteStream(log, { flags: 'a' }));
		else child.stdout?.resume();
	}

	/** Whether the server process is running (false after a crash or {@link kill}). */
	get alive(): boolean {
		return (
			this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null
		);
	}

	/** Kills the server abruptly (SIGKILL: no graceful shutdown, like a crash or power cut). */
	async kill(): Promise<void> {
		const child = this.child;
		if (!child || child.exitCode !== null) return;
		const exited = new Promise((r) => child.once('exit', r));
		child.kill('SIGKILL');
		await exited;
		this.child = undefined;
	}

	/** Stops the server gracefully (SIGTERM: its shutdown runs, a `--cpu-prof` profile is written). */
	async stop(): Promise<void> {
		const child = this.child;
		if (!child || child.exitCode !== null) return;
		const exited = new Promise((r) => child.once('exit', r));
		child.kill('SIGTERM');
		await exited;
		this.child = undefined;
	}

	async restart(): Promise<void> {
		await this.kill();
		await this.start();
		this.restarts++;
	}
}
