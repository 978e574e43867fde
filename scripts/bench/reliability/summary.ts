/** The one summary of `npm run bench:reliability`: console tables and `reports/reliability.json`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { LoadRow } from './cannon.ts';
import type { ChaosResult } from './chaos.ts';
import type { SoakResult } from './soak.ts';

export interface Report {
	startedAt: string;
	finishedAt: string;
	machine: { cpus: number; model: string; loadAvgStart: number[]; loadAvgEnd: number[] };
	chaos: (ChaosResult | { backend: string; error: string })[];
	load: LoadRow[];
	loadError?: string;
	soak: SoakResult | { error: string };
	abuse: Record<string, unknown> | string;
	/** Parts left out by `KAIHU_RELIABILITY_ONLY`; they do not count towards pass/fail. */
	skipped?: readonly string[];
}

export const machine = () => ({
	cpus: cpus().length,
	model: cpus()[0]?.model ?? '?',
	loadAvgStart: loadavg().map((x) => +x.toFixed(2)),
	loadAvgEnd: [] as number[]
});

/** Whether the run kept every promise (nothing lost, nothing duplicated, no bad answers). */
export function passed(r: Report): boolean {
	const skip = (part: string) => r.skipped?.includes(part) ?? false;
	const chaosOk = r.chaos.every(
		(c) =>
			!('error' in c) &&
			!c.aborted &&
			c.lostApplications + c.duplicatedApplications + c.lostRecords + c.duplicatedRecords === 0 &&
			c.lostBlobs + c.duplicatedBlobs + c.deviceLeftovers + c.unexpectedServerExits === 0
	);
	const abuseOk =
		skip('abuse') ||
		(typeof r.abuse !== 'string' &&
			r.abuse.fiveXx === 0 &&
			!r.abuse.dropped &&
			r.abuse.badShape === 0 &&
			r.abuse.storedOnRejection === 0);
	const soakOk = skip('soak') || (!('error' in r.soak) && r.soak.bad === 0);
	return chaosOk && abuseOk && !r.loadError && soakOk;
}

export function printAndSave(r: Report, root: string): string {
	console.log('\n== chaos (full submission path) ==');
	console.table(
		r.chaos.map((c) =>
			'error' in c
				? { backend: c.backend, error: c.error }
				: {
						backend: c.backend,
						cycles: c.cycles,
						seconds: c.seconds,
						offline: c.faults.offline,
						'kill -9': c.faults.kill,
						reloads: c.faults.reload,
						'reloads mid-upload': c.reloadsMidUpload,
						'pg restarts': c.faults.pg,
						submitted: c.submitted,
						'lost apps': c.lostApplications,
						'dup apps': c.duplicatedApplications,
						'lost/dup records': `${c.lostRecords}/${c.duplicatedRecords}`,
						'lost/dup blobs': `${c.lostBlobs}/${c.duplicatedBlobs}`,
						'sha256 ok': c.blobsVerified + c.appFilesVerified,
						'orphan drafts': c.orphanDrafts,
						'server crashes': c.unexpectedServerExits,
						aborted: c.aborted ?? ''
					}
		)
	);
	console.log('\n== load (loopback, fixed concurrency; signalling: pairs, round trip) ==');
	console.table(withRatios(r.load));
	if (r.loadError) console.log(`load error: ${r.loadError}`);
	console.log('\n== soak ==');
	console.table('error' in r.soak ? r.soak : { ...r.soak, rssMiB: undefined, heapMiB: undefined });
	if (!('error' in r.soak)) console.table({ rssMiB: r.soak.rssMiB, heapMiB: r.soak.heapMiB });
	console.log('\n== abuse ==');
	if (typeof r.abuse === 'string') console.log(r.abuse);
	else console.table(r.abuse);
	console.log(`\nload average start ${r.machine.loadAvgStart} → end ${r.machine.loadAvgEnd}`);
	const dir = join(root, 'reports');
	mkdirSync(dir, { recursive: true });
	const file = join(dir, 'reliability.json');
	writeFileSync(file, JSON.stringify({ ...r, load: withRatios(r.load) }, null, '\t') + '\n');
	return file;
}

/**
 * Each Kaihu row with its throughput as a share of bare Hono at the same concurrency (the peer
 * measured in the same run), so a loaded machine shows in both and the ratio stays comparable.
 */
export function withRatios(
	rows: readonly LoadRow[]
): (LoadRow & { vsHono: string; vsHonoAdjacent?: string })[] {
	const hono = new Map(
		rows.filter((r) => r.target.includes('bare Hono')).map((r) => [r.connections, r.rps])
	);
	const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)} %`;
	return rows.map((r) => {
		const base = hono.get(r.connections);
		const share = base && r.target.startsWith('kaihu') ? pct(r.rps, base) : '';
		// Against bare Hono in the slices alternating with this row's (the ratio to trust on a busy machine).
		return r.adjacentHonoRps
			? { ...r, vsHono: share, vsHonoAdjacent: pct(r.rps, r.adjacentHonoRps) }
			: { ...r, vsHono: share };
	});
}
