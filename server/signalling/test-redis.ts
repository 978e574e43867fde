/**
 * A throwaway `redis-server` on a free loopback port for tests (Debian's package; installed by
 * scripts/setup-system.ts). Nothing is persisted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { setupSystem } from '../../scripts/setup-system.ts';

export const REDIS_SERVER = '/usr/bin/redis-server';

export type ThrowawayRedis = { url: string; stop(): void } | { url: null; reason: string };

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const addr = srv.address();
			srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject()));
		});
	});
}

/** Starts redis-server (installing it first when root and missing); resolves once it accepts. */
export async function startRedis(): Promise<ThrowawayRedis> {
	if (!existsSync(REDIS_SERVER)) {
		try {
			setupSystem();
		} catch (err) {
			return { url: null, reason: `redis-server missing and not installable: ${String(err)}` };
		}
	}
	if (!existsSync(REDIS_SERVER)) return { url: null, reason: 'redis-server is not installed' };
	const port = await freePort();
	const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
	const child: ChildProcess = spawn(REDIS_SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
	const ready = await new Promise<string | null>((resolve) => {
		let out = '';
		const timer = setTimeout(
			() => resolve(`no ready line within 10 s: ${out.slice(-300)}`),
			10_000
		);
		const onData = (d: Buffer) => {
			out += d.toString();
			if (out.includes('Ready to accept connections')) {
				clearTimeout(timer);
				resolve(null);
			}
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', onData);
		child.on('exit', (code) => {
			clearTimeout(timer);
			resolve(`redis-server exited with ${code}: ${out.slice(-300)}`);
		});
	});
	if (ready !== null) {
		child.kill();
		return { url: null, reason: ready };
	}
	return { url: `redis://127.0.0.1:${port}`, stop: () => child.kill() };
}
