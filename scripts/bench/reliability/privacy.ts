/**
 * Privacy numbers for `npm run bench:reliability` (issue 9): runs the full-journey e2e (both
 * locales) with its privacy hook (`tests/e2e/privacy/watch.ts`) plus the checks' own controls
 * (`tests/e2e/privacy.spec.ts`), and sums what the hook reported: requests recorded by source and
 * destination, third-party requests (must be 0), CSP-checked documents, device storage scanned,
 * server log lines grepped. The assertions themselves are in the tests; this only collects.
 *
 * Run alone: `tsx scripts/bench/reliability/privacy.ts` (uses `KAIHU_E2E_PORT` if set).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface PrivacyNumbers {
	passed: boolean;
	journeys: number;
	requests: number;
	bySource: Record<string, number>;
	thirdParty: number;
	documentsCspChecked: number;
	cspViolations: number;
	storageRecordsScanned: number;
	storageBytesScanned: number;
	serverLogLines: number;
	checkOverheadMs: number;
}

interface Report {
	requests: {
		requests: number;
		bySource: Record<string, number>;
		byDestination: Record<string, number>;
		documentsChecked: number;
		cspViolations: number;
	};
	storage: { stats: { records: number; binaryBytes: number } }[];
	serverLog: { lines: number };
	overheadMs: number;
}

/** Sums the `privacy: {…}` lines the journey prints. */
export function sumReports(output: string, passed: boolean): PrivacyNumbers {
	const reports = output
		.split('\n')
		.filter((l) => l.startsWith('privacy: '))
		.map((l) => JSON.parse(l.slice('privacy: '.length)) as Report);
	const n: PrivacyNumbers = {
		passed,
		journeys: reports.length,
		requests: 0,
		bySource: {},
		thirdParty: 0,
		documentsCspChecked: 0,
		cspViolations: 0,
		storageRecordsScanned: 0,
		storageBytesScanned: 0,
		serverLogLines: 0,
		checkOverheadMs: 0
	};
	for (const r of reports) {
		n.requests += r.requests.requests;
		for (const [k, v] of Object.entries(r.requests.bySource))
			n.bySource[k] = (n.bySource[k] ?? 0) + v;
		n.thirdParty += r.requests.byDestination['third-party'] ?? 0;
		n.documentsCspChecked += r.requests.documentsChecked;
		n.cspViolations += r.requests.cspViolations;
		for (const s of r.storage) {
			n.storageRecordsScanned += s.stats.records;
			n.storageBytesScanned += s.stats.binaryBytes;
		}
		n.serverLogLines += r.serverLog.lines;
		n.checkOverheadMs += r.overheadMs;
	}
	return n;
}

export function runPrivacyBench(): PrivacyNumbers {
	const root = join(import.meta.dirname, '..', '..', '..');
	const r = spawnSync(
		'npx',
		['playwright', 'test', 'tests/e2e/journey.spec.ts', 'tests/e2e/privacy.spec.ts'],
		{ cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }
	);
	return sumReports(`${r.stdout}\n${r.stderr}`, r.status === 0);
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const n = runPrivacyBench();
	console.log(JSON.stringify(n, null, 2));
	process.exit(n.passed && n.journeys > 0 && n.thirdParty === 0 ? 0 : 1);
}
