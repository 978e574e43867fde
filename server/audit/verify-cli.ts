/**
 * `npm run audit:verify`: verifies the audit chain in the configured storage (DATA_DIR or
 * DATABASE_URL). Exits 0 when intact, 1 naming the first bad row, 2 when storage cannot be opened.
 */
import { loadConfig } from '../config.ts';
import { openStorage } from '../storage/index.ts';
import { verifyAuditChain } from './log.ts';

const config = loadConfig();
let storage;
try {
	storage = await openStorage({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
} catch (err) {
	console.error(`audit:verify: cannot open storage: ${(err as Error).message}`);
	process.exit(2);
}
const verdict = await verifyAuditChain(storage.db);
await storage.close();
if (verdict.ok) {
	console.log(`audit chain intact: ${verdict.rows} rows`);
} else {
	console.error(
		`audit chain BROKEN at row seq=${verdict.badSeq} (${verdict.problem}); ${verdict.rows} rows before it verify`
	);
	process.exit(1);
}
