import { describe, expect, it } from 'vitest';
import { sumReports } from './privacy.ts';

const line = (requests: number, thirdParty: number) =>
	`privacy: ${JSON.stringify({
		requests: {
			requests,
			bySource: { page: requests },
			byDestination: { app: requests, 'third-party': thirdParty },
			documentsChecked: 3,
			cspViolations: 0
		},
		storage: [{ stats: { records: 6, binaryBytes: 1000 } }],
		serverLog: { lines: 18 },
		overheadMs: 400
	})}`;

describe('sumReports', () => {
	it('sums the journeys the e2e reported', () => {
		const n = sumReports(`noise\n${line(700, 0)}\n  ✓ a test\n${line(35, 1)}\n`, true);
		expect(n).toMatchObject({
			passed: true,
			journeys: 2,
			requests: 735,
			bySource: { page: 735 },
			thirdParty: 1,
			documentsCspChecked: 6,
			storageRecordsScanned: 12,
			serverLogLines: 36,
			checkOverheadMs: 800
		});
	});
});
