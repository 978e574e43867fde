/**
 * Vitest global setup for the server project: starts a throwaway PostgreSQL cluster on a free
 * loopback port so the storage suite runs on PostgreSQL as well as SQLite.
 *
 * Installs Debian's `postgresql` with apt-get when the binaries are missing (as root). It skips
 * PostgreSQL — printing why — only when it truly cannot start one; with KAIHU_REQUIRE_POSTGRES=1
 * (set by .ci/run) that is an error instead.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		/** Admin connection string of the throwaway cluster, or '' when PostgreSQL is skipped. */
		pgAdminUrl: string;
	}
}

function findBinDir(): string | undefined {
	const base = '/usr/lib/postgresql';
	if (!existsSync(base)) return undefined;
	const versions = readdirSync(base)
		.filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions[0] ? join(base, versions[0], 'bin') : undefined;
}

function aptInstall(): void {
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	console.log('[postgres] installing Debian postgresql with apt-get …');
	let r = spawnSync('apt-get', ['install', '-y', '-q', 'postgresql'], { env, stdio: 'inherit' });
	if (r.status !== 0) {
		spawnSync('apt-get', ['update', '-q'], { env, stdio: 'inherit' });
		r = spawnSync('apt-get', ['install', '-y', '-q', 'postgresql'], { env, stdio: 'inherit' });
	}
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const addr = srv.address();
			srv.close(() =>
				typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))
			);
		});
	});
}

const isRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL binary; as root, as the `postgres` system user (postgres refuses to run as root). */
function pg(bin: string, args: string[]): void {
	const [cmd, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
	execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
}

export default async function setup(project: TestProject): Promise<() => void> {
	const skip = (reason: string) => {
		if (process.env.KAIHU_REQUIRE_POSTGRES === '1')
			throw new Error(`PostgreSQL required: ${reason}`);
		console.log(`[postgres] SKIPPING PostgreSQL storage tests: ${reason}`);
		project.provide('pgAdminUrl', '');
		return () => undefined;
	};

	let binDir = findBinDir();
	if (!binDir && isRoot) {
		aptInstall();
		binDir = findBinDir();
	}
	if (!binDir)
		return skip('postgresql is not installed and could not be installed (need root + apt-get)');

	const dir = mkdtempSync(join(tmpdir(), 'kaihu-pg-'));
	const port = await freePort();
	try {
		if (isRoot) {
			const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
			const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
			chownSync(dir, uid, gid);
		}
		const data = join(dir, 'data');
		pg(join(binDir, 'initdb'), [
			'-D',
			data,
			'-A',
			'trust',
			'-U',
			'kaihu',
			'-E',
			'UTF8',
			'--no-sync'
		]);
		pg(join(binDir, 'pg_ctl'), [
			'start',
			'-w',
			'-D',
			data,
			'-l',
			join(dir, 'log'),
			'-o',
			`-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`
		]);
	} catch (err) {
		rmSync(dir, { recursive: true, force: true });
		const stderr = (err as { stderr?: Buffer }).stderr?.toString() ?? String(err);
		return skip(`could not start a throwaway cluster: ${stderr.trim().slice(0, 500)}`);
	}
	const url = `postgres://kaihu@127.0.0.1:${port}/postgres`;
	console.log(`[postgres] throwaway cluster on 127.0.0.1:${port} (${binDir})`);
	project.provide('pgAdminUrl', url);
	return () => {
		try {
			pg(join(binDir, 'pg_ctl'), ['stop', '-m', 'immediate', '-D', join(dir, 'data')]);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
