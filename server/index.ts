/**
 * The only module that opens a port: serves the built client and the API on one origin.
 * `npm start` runs it (after building the client when needed).
 */
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { WorkerFormPdfRenderer } from './applications/form-pdf-renderer.ts';
import { credentialsBanner, seedDemoStaff } from './auth/demo-seed.ts';
import { bootstrapCore, FORM_PDF_WORKER_URL, startRetention } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { trustProxies } from './http/client-address.ts';
import { loadClientBuild } from './http/client.ts';
import { createServerSignalling } from './signalling/server.ts';
import { intakeFromEnv, startUploadSweep } from './intake/index.ts';
import { JobDrainer } from './jobs/drainer.ts';
import { logLine } from './logging/log.ts';
import { witnessServerDeps } from './bookings/server.ts';
import { openStorage } from './storage/index.ts';
import { instanceId } from './storage/meta.ts';
import { VERSION } from './version.ts';

const config = loadConfig();
trustProxies(config.trustedProxies);
const storage = await openStorage({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
await instanceId(storage.db);
const core = await bootstrapCore(config, storage);
// Submission PDFs and face re-checks run after the answer; instances sharing a database share the queue.
// Their heavy parts run off the event loop (the PDF renderer's threads, onnxruntime's), so jobs
// no longer wait for a quiet moment: the loop only does their database work between requests.
const jobs = new JobDrainer(storage, {
	owner: `pid${process.pid}:${crypto.randomUUID()}`,
	concurrency: config.jobConcurrency,
	log: logLine
});
core.jobs = jobs;
// The form PDF renders on its own threads (one per core but the loop's, at least one): a flood of
// submissions no longer holds the answers, and the forms render as fast as the cores allow.
const formPdf = new WorkerFormPdfRenderer(FORM_PDF_WORKER_URL, { threads: config.formPdfThreads });
core.formPdf = formPdf;
// An empty database gets the demo staff; the passwords are printed this once.
const demo = await seedDemoStaff(storage.db, process.env.KAIHU_DEMO_PASSWORD);
if (demo) console.log(credentialsBanner(demo));
startRetention(storage);
const client = await loadClientBuild(config.clientDir);
if (!client)
	console.warn(`no client build in ${config.clientDir}: serving the API only (run npm run build)`);

const signalling = await createServerSignalling();
core.witness = await witnessServerDeps(storage, core, signalling);
const intake = intakeFromEnv(config.dataDir);
// Unfinished uploads past their TTL are deleted by this process (KAIHU_UPLOAD_SWEEP_MINUTES).
startUploadSweep(intake);
const app = createApp({ storage, version: VERSION, client, core, signalling, intake });
jobs.start();
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

signalling.inject(server);

function shutdown(): void {
	void signalling.close();
	// Jobs in hand finish (or their lease expires and another instance takes them over).
	server.close(
		() =>
			void jobs
				.stop()
				.then(() => formPdf.close())
				.then(() => storage.close())
				.then(() => process.exit(0))
	);
	// Open keep-alive connections must not hold the process forever.
	setTimeout(() => process.exit(0), 3000).unref();
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
