/**
 * Chaos over the full submission path: every cycle is one application (create → its file queued
 * in the outbox and uploaded with tus → submit), with one fault injected at a random moment of
 * the cycle — network cut, server kill -9 and restart, page reload while an upload is in flight,
 * or (on PostgreSQL) an immediate database restart. Uploads of earlier cycles run on in the
 * background, so faults also land on them. Then everything settles and {@link verify} checks both
 * ends. `KAIHU_CHAOS_SEED` replays a run.
 */
import { generateKey } from '../../../server/security/pii.ts';
import { chromium, type Browser } from '@playwright/test';
import { launchOptions } from '../../../tests/e2e/browser.ts';
import { freePort, OwnServer } from '../../../tests/e2e/own-server.ts';
import { Device } from './chaos-device.ts';
import { createApp, newCounts, queueFile, submitApp } from './chaos-steps.ts';
import { clearCreateThrottle, verify, type Expected, type Verdict } from './chaos-verify.ts';
import { fileFor, rng, sha256, sleep, submissions } from './chaos-workload.ts';
import { startPgCluster, type PgCluster } from './pg-cluster.ts';

export type Fault = 'offline' | 'kill' | 'reload' | 'pg' | 'none';

export interface ChaosResult extends Verdict {
	backend: 'sqlite' | 'postgres';
	cycles: number;
	seed: number;
	seconds: number;
	faults: Record<Fault, number>;
	reloadsMidUpload: number;
	unexpectedServerExits: number;
	steps: ReturnType<typeof newCounts>;
	/** Why the cycles stopped early (a step that never succeeded), if they did. */
	aborted?: string;
}

function pickFault(r: number, pg: boolean): Fault {
	if (r < 0.28) return 'offline';
	if (r < 0.53) return 'kill';
	if (r < 0.78) return 'reload';
	if (pg && r < 0.9) return 'pg';
	return 'none';
}

/** Runs `cycles` applications under chaos on SQLite or a throwaway PostgreSQL. */
export async function runChaos(
	backend: 'sqlite' | 'postgres',
	cycles: number
): Promise<ChaosResult> {
	const seed = Number(process.env.KAIHU_CHAOS_SEED ?? Date.now() % 1_000_000);
	const rand = rng(seed);
	let pg: PgCluster | undefined;
	if (backend === 'postgres') {
		const c = await startPgCluster();
		if (typeof c === 'string') throw new Error(c);
		pg = c;
	}
	const dataKey = generateKey();
	const env: Record<string, string> = { KAIHU_DATA_KEY: dataKey, KAIHU_WEB_PUSH: 'off' };
	if (pg) env.DATABASE_URL = pg.url;
	const server = new OwnServer(await freePort(), undefined, env);
	const target = { dataDir: server.dataDir, databaseUrl: pg?.url, dataKey };
	const faults: Record<Fault, number> = { offline: 0, kill: 0, reload: 0, pg: 0, none: 0 };
	const steps = newCounts();
	let reloadsMidUpload = 0;
	let unexpectedServerExits = 0;
	const started = Date.now();
	let browser: Browser | undefined;
	let restarting: Promise<void> | undefined;
	let watchdog: ReturnType<typeof setInterval> | undefined;
	try {
		await server.start();
		browser = await chromium.launch(launchOptions());
		const context = await browser.newContext({ locale: 'zh-CN' });
		const device = await Device.open(context, server.origin);
		const bodies = submissions(cycles);
		const expected: Expected[] = [];
		// A server that dies on its own (not by our kill) is a finding: count it and start it again.
		watchdog = setInterval(() => {
			if (restarting || server.alive) return;
			unexpectedServerExits++;
			restarting = server
				.start()
				.catch((e: unknown) => console.error(`restart failed: ${String(e)}`))
				.finally(() => (restarting = undefined));
		}, 250);
		const inject = async (f: Fault) => {
			faults[f]++;
			if (f === 'offline') {
				await device.network(true);
				await sleep(50 + rand() * 400);
				await device.network(false);
			} else if (f === 'kill') {
				while (restarting) await restarting;
				restarting = server
					.restart()
					.catch((e: unknown) => console.error(`restart failed: ${String(e)}`));
				await restarting.finally(() => (restarting = undefined));
			} else if (f === 'pg') pg?.restart();
			else if (f === 'reload') {
				for (let i = 0; i < 20 && !(await device.uploading()); i++) await sleep(100);
				if (await device.uploading()) reloadsMidUpload++;
				await device.reload();
			}
		};
		let aborted: string | undefined;
		try {
			for (let i = 0; i < cycles; i++) {
				// The per-address create limit (100 per 10 min) would pace one loopback client.
				if (i % 50 === 0) await clearCreateThrottle(target);
				const fault = pickFault(rand(), !!pg);
				const chaos = sleep(rand() * 800).then(() => inject(fault));
				const body = bodies[i]!;
				const file = fileFor(i, rand);
				const app = await createApp(device, steps);
				await queueFile(device, steps, i, `申请 ${app.id}`, body.applicant.idNumber, file);
				const state = await submitApp(device, steps, app, body);
				await chaos;
				expected.push({ ...app, sha256: sha256(file.buffer), bytes: file.buffer.length, state });
				if ((i + 1) % 25 === 0)
					console.log(`chaos ${backend}: ${i + 1}/${cycles} cycles, ${JSON.stringify(faults)}`);
			}
		} catch (e) {
			// Still settle and verify what was done: the counts say whether anything was lost.
			aborted = `cycle ${expected.length}: ${e instanceof Error ? e.message : String(e)}`;
			console.error(`chaos ${backend} aborted at ${aborted}`);
		}
		// Settle: healthy server and network; going online makes waiting records due at once.
		while (restarting) await restarting;
		await device.network(true, false);
		await device.network(false, false);
		const settleBy = Date.now() + 300_000;
		while (Date.now() < settleBy) {
			const rows = await device.outbox().catch(() => []);
			if (rows.length >= cycles && rows.every((r) => r.state === 'sent')) break;
			await sleep(1000);
		}
		clearInterval(watchdog);
		const verdict = await verify(target, device, expected);
		return {
			backend,
			cycles,
			seed,
			seconds: Math.round((Date.now() - started) / 1000),
			faults,
			reloadsMidUpload,
			unexpectedServerExits,
			steps,
			...verdict,
			...(aborted ? { aborted } : {})
		};
	} finally {
		// No restart may outlive the run (an orphaned server would keep its port).
		clearInterval(watchdog);
		while (restarting) await restarting;
		await browser?.close();
		await server.kill();
		pg?.stop();
	}
}
