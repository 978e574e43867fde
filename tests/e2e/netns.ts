/**
 * A private network namespace with `tc` shaping on its loopback, for throttled-call tests:
 * Chromium (through a wrapper script) and a second Kaihu server run inside it, so the shaping
 * touches nothing else on the machine. Needs root (CAP_NET_ADMIN) and iproute2.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM } from './browser.ts';

export interface ShapedNamespace {
	name: string;
	/** An executable that runs Chromium inside the namespace (for `executablePath`). */
	chromium: string;
	/** Limits UDP (the WebRTC media) on the namespace's loopback; HTTP and WebSocket stay free. */
	shapeUdp(kbit: number): void;
	udpStats(): { bytes: number; packets: number; dropped: number };
	/** Starts the built server inside the namespace; resolves with its base URL. */
	startServer(env: Record<string, string>): Promise<string>;
	dispose(): void;
}

const run = (args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'pipe', 'pipe'] });

/** Creates the namespace, or returns why it cannot. */
export function createShapedNamespace(): ShapedNamespace | string {
	if (process.getuid?.() !== 0) return 'needs root for ip netns / tc';
	const name = `kaihu-e2e-${process.pid}`;
	try {
		run(['netns', 'add', name]);
		run(['netns', 'exec', name, 'ip', 'link', 'set', 'lo', 'up']);
	} catch (err) {
		return `cannot create a network namespace: ${String((err as { stderr?: Buffer }).stderr ?? err)}`;
	}
	const dir = mkdtempSync(join(tmpdir(), 'kaihu-netns-'));
	const chromium = join(dir, 'chromium');
	writeFileSync(chromium, `#!/bin/sh\nexec ip netns exec ${name} ${CHROMIUM} "$@"\n`);
	chmodSync(chromium, 0o755);
	const tc = (args: string[]) => run(['netns', 'exec', name, 'tc', ...args]);
	let server: ChildProcess | null = null;
	let shaped = false;
	return {
		name,
		chromium,
		shapeUdp(kbit) {
			const rate = ['rate', `${kbit}kbit`, 'ceil', `${kbit}kbit`, 'burst', '6k'];
			if (shaped) {
				tc(['class', 'change', 'dev', 'lo', 'parent', '1:', 'classid', '1:1', 'htb', ...rate]);
				return;
			}
			// htb (prio/netem are not in every kernel): UDP → class 1:1, limited, with a short
			// queue; everything else (HTTP, WebSocket signalling) → class 1:2, unlimited.
			tc(['qdisc', 'add', 'dev', 'lo', 'root', 'handle', '1:', 'htb', 'default', '2']);
			tc(['class', 'add', 'dev', 'lo', 'parent', '1:', 'classid', '1:1', 'htb', ...rate]);
			tc(['class', 'add', 'dev', 'lo', 'parent', '1:', 'classid', '1:2', 'htb', 'rate', '10gbit']);
			tc(['qdisc', 'add', 'dev', 'lo', 'parent', '1:1', 'handle', '10:', 'pfifo', 'limit', '30']);
			tc([
				'filter',
				'add',
				'dev',
				'lo',
				'parent',
				'1:',
				'protocol',
				'ip',
				'prio',
				'1',
				'u32',
				'match',
				'ip',
				'protocol',
				'17',
				'0xff',
				'flowid',
				'1:1'
			]);
			shaped = true;
		},
		/** Bytes and drops of the shaped (UDP) class so far. */
		udpStats() {
			const out = tc(['-s', 'class', 'show', 'dev', 'lo', 'classid', '1:1']).toString();
			const m = /Sent (\d+) bytes (\d+) pkt \(dropped (\d+)/.exec(out);
			return {
				bytes: Number(m?.[1] ?? 0),
				packets: Number(m?.[2] ?? 0),
				dropped: Number(m?.[3] ?? 0)
			};
		},
		startServer(env) {
			const child = spawn(
				'ip',
				['netns', 'exec', name, process.execPath, '--import', 'tsx', 'server/index.ts'],
				{ env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] }
			);
			server = child;
			return new Promise((resolve, reject) => {
				let out = '';
				child.stdout?.on('data', (d: Buffer) => {
					out += d.toString();
					const url = /"url":"(http:[^"]+)"/.exec(out)?.[1];
					if (url) resolve(url);
				});
				child.once('exit', (code) => reject(new Error(`server in ${name} exited with ${code}`)));
			});
		},
		dispose() {
			server?.kill();
			try {
				run(['netns', 'del', name]);
			} catch {
				// already gone
			}
		}
	};
}
