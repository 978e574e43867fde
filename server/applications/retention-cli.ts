/** `npm run retention:purge`: purges face images and recordings past `KAIHU_RETENTION_DAYS`. */
import { loadConfig } from '../config.ts';
import { openStorage } from '../storage/index.ts';
import { purgeExpiredMedia, retentionDays } from './retention.ts';

const config = loadConfig();
const storage = await openStorage({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
try {
	const days = retentionDays();
	const r = await purgeExpiredMedia(storage.db, days, new Date());
	console.log(JSON.stringify({ level: 'info', msg: 'retention purge', days, ...r }));
} finally {
	await storage.close();
}
