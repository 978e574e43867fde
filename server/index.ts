/**
 * The only module that opens a port: serves the built client and the API on one origin.
 * `npm start` runs it (after building the client when needed).
 */
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { loadClientBuild } from './http/client.ts';
import { fileIntake } from './intake/index.ts';
import { openStorage } from './storage/index.ts';
import { instanceId } from './storage/meta.ts';
import { VERSION } from './version.ts';

const config = loadConfig();
const storage = await openStorage({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
await instanceId(storage.db);
const client = await loadClientBuild(config.clientDir);
if (!client)
	console.warn(`no client build in ${config.clientDir}: serving the API only (run npm run build)`);

const app = createApp({ storage, version: VERSION, client, intake: fileIntake(config.dataDir) });
const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, (info) => {
	console.log(
		JSON.stringify({
			level: 'info',
			msg: 'listening',
			url: `http://${config.host}:${info.port}`,
			storage: storage.kind,
			version: VERSION
		})
	);
});

function shutdown(): void {
	server.close(() => void storage.close().then(() => process.exit(0)));
	// Open keep-alive connections must not hold the process forever.
	setTimeout(() => process.exit(0), 3000).unref();
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
