/**
 * `npm run seed:demo`: creates the demo staff accounts (printing their passwords once) and seeds
 * the embedded registry's synthetic citizens, in the configured storage. Does nothing to staff
 * when staff already exist.
 */
import { credentialsBanner, seedDemoStaff } from '../server/auth/demo-seed.ts';
import { bootstrapCore } from '../server/bootstrap.ts';
import { loadConfig } from '../server/config.ts';
import { openStorage } from '../server/storage/index.ts';

const config = loadConfig();
const storage = await openStorage({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
try {
	await bootstrapCore(config, storage);
	const creds = await seedDemoStaff(storage.db, process.env.KAIHU_DEMO_PASSWORD);
	console.log(creds ? credentialsBanner(creds) : 'staff accounts already exist: nothing to seed');
} finally {
	await storage.close();
}
