/**
 * `npm run bench:reliability`: chaos over the full submission path on SQLite and on PostgreSQL
 * (`KAIHU_CHAOS_CYCLES`, default 200 each), the soak (`KAIHU_SOAK_SECONDS`, default 600), then
 * load alone (so its numbers are not shared with the rest), then the abuse fuzz of every API
 * operation (`KAIHU_ABUSE_REQUESTS`, default 10 000; `./abuse.ts`). Chaos and soak
 * run side by side (`KAIHU_RELIABILITY_SERIAL=1` runs one after another). Prints one summary and
 * writes `reports/reliability.json`; exits 1 when anything was lost, duplicated or answered badly.
 * `KAIHU_RELIABILITY_ONLY=load,abuse` (any of chaos, soak, load, abuse) runs only those parts;
 * the others are reported as skipped and do not count towards pass/fail.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../../tests/e2e/own-server.ts';
import { runAbuse } from './abuse.ts';
import type { LoadRow } from './cannon.ts';
import { runChaos } from './chaos.ts';
import { runLoad, CONCURRENCY, HOT_ONLY, RECORDS_ONLY, SUBMIT_ONLY } from './load.ts';
import { signallingLoad } from './signalling-load.ts';
import { runSoak } from './soak.ts';
import { machine, passed, printAndSave, type Report } from './summary.ts';

// Out of Playwright's `test-results/`, which a concurrent e2e run would empty.
// A loaded machine (six helpers on two cores) can take longer than 20 s to start a server.
process.env.KAIHU_OWN_SERVER_START_MS ??= '90000';
process.env.KAIHU_OWN_SERVER_BUNDLE = join('reports', 'kaihu-server.mjs');
const cycles = Number(process.env.KAIHU_CHAOS_CYCLES ?? 200);
const serial = process.env.KAIHU_RELIABILITY_SERIAL === '1';
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const PARTS = ['chaos', 'soak', 'load', 'abuse'] as const;
const only = process.env.KAIHU_RELIABILITY_ONLY?.split(',').map((s) => s.trim());
const runs = (part: (typeof PARTS)[number]) => !only || only.includes(part);

const report: Report = {
	startedAt: new Date().toISOString(),
	finishedAt: '',
	machine: machine(),
	chaos: [],
	load: [],
	soak: { error: 'not run' },
	abuse: 'abuse: not run',
	skipped: PARTS.filter((p) => !runs(p))
};

const chaos = (backend: 'sqlite' | 'postgres') =>
	runChaos(backend, cycles).catch((e: unknown) => ({ backend, error: message(e) }));
const soak = () => runSoak().catch((e: unknown) => ({ error: message(e) }));
const none = async () => undefined;
if (serial) {
	if (runs('chaos')) report.chaos.push(await chaos('sqlite'), await chaos('postgres'));
	if (runs('soak')) report.soak = await soak();
} else {
	const [a, b, s] = await Promise.all([
		runs('chaos') ? chaos('sqlite') : none(),
		runs('chaos') ? chaos('postgres') : none(),
		runs('soak') ? soak() : none()
	]);
	if (a && b) report.chaos.push(a, b);
	if (s) report.soak = s;
}

if (runs('load'))
	try {
		const rows: LoadRow[] = await runLoad();
		for (const c of SUBMIT_ONLY || HOT_ONLY || RECORDS_ONLY ? [] : CONCURRENCY)
			for (const kind of ['ours', 'reference'] as const)
				rows.push(await signallingLoad(kind, c, Number(process.env.KAIHU_LOAD_SECONDS ?? 10)));
		report.load = rows;
	} catch (e) {
		report.loadError = message(e);
	}

if (runs('abuse'))
	try {
		const requests = Number(process.env.KAIHU_ABUSE_REQUESTS ?? 10_000);
		const { violations, ...abuse } = await runAbuse({ requests });
		report.abuse = { ...abuse, violations: violations.slice(0, 20) };
	} catch (e) {
		report.abuse = `abuse: failed: ${message(e)}`;
	}

report.finishedAt = new Date().toISOString();
report.machine.loadAvgEnd = loadavg().map((x) => +x.toFixed(2));
const file = printAndSave(report, ROOT);
const ok = passed(report);
console.log(`\nreliability: ${ok ? 'PASS' : 'FAIL'} — ${file}`);
process.exit(ok ? 0 : 1);
