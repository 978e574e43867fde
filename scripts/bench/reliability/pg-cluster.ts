/**
 * A throwaway PostgreSQL cluster for the chaos bench (same recipe as tests/setup/postgres.ts:
 * Debian's binaries, a temp directory, a free loopback port), plus `restart()` — an immediate
 * stop (no checkpoint, like a crash) and a start — so the bench can pull the database out from
 * under the running server.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../../tests/e2e/own-server.ts';

export interface PgCluster {
	url: string;
	restarts: number;
	restart(): void;
	stop(): void;
}

function binDir(): string | undefined {
	const base = '/usr/lib/postgresql';
	if (!existsSync(base)) return undefined;
	const v = readdirSync(base)
		.filter((d) => existsSync(join(base, d, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a))[0];
	return v ? join(base, v, 'bin') : undefined;
}

const isRoot = process.getuid?.() === 0;

function pg(bin: string, args: string[]): void {
	const [cmd, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
	execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Starts a cluster, or returns why it cannot (PostgreSQL not installed). */
export async function startPgCluster(): Promise<PgCluster | string> {
	const bin = binDir();
	if (!bin) return 'postgresql is not installed (npm test installs it)';
	const dir = mkdtempSync(join(tmpdir(), 'kaihu-bench-pg-'));
	if (isRoot) {
		const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
		chownSync(dir, id('-u'), id('-g'));
	}
	const data = join(dir, 'data');
	const port = await freePort();
	pg(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'kaihu', '-E', 'UTF8', '--no-sync']);
	const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
	const start = () =>
		pg(join(bin, 'pg_ctl'), ['start', '-w', '-D', data, '-l', join(dir, 'log'), '-o', opts]);
	const stopNow = () => pg(join(bin, 'pg_ctl'), ['stop', '-w', '-m', 'immediate', '-D', data]);
	start();
	const cluster: PgCluster = {
		url: `postgres://kaihu@127.0.0.1:${port}/postgres`,
		restarts: 0,
		restart() {
			stopNow();
			start();
			cluster.restarts++;
		},
		stop() {
			try {
				stopNow();
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		}
	};
	return cluster;
}
