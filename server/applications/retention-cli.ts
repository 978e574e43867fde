/** `npm run retention:purge`: purges face images and recordings past `KAIHU_RETENTION_DAYS`. */
import { loadConfig } from '../config.ts';
import { openStorage } from '../storage/index.ts';
import { purgeExpiredMedia, retentionDays } from './retention.ts';
import { intakeFromEnv } from '../intake/index.ts';
import { logLine } from '../logging/log.ts';

const config = loadConfig();
const storage = await openStorage({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
try {
	const days = retentionDays();
	const blobs = intakeFromEnv(config.dataDir).blobs;
	const r = await purgeExpiredMedia(storage.db, days, new Date(), 'system', blobs);
	logLine({ level: 'info', msg: 'retention purge', days, ...r });
} finally {
	await storage.close();
}
