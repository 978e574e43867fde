import { test } from '@playwright/test';
import { ownServerForFile } from './own-server-file.ts';
import { serverRecords, storedBlobSha } from './outbox-db.ts';
import { CYCLES, runChaos } from './chaos/run.ts';

// The UI is bilingual; these tests read the zh-CN (default) texts.
test.use({ locale: 'zh-CN' });

/**
 * Chaos: a 20 MB recording and two photos (one captured mid-chaos) upload while the test cuts the
 * network, kills the server (SIGKILL) and reloads the page mid-upload at random
 * points. Afterwards the server holds every record exactly once with matching sha256, and the device holds none of them. CI runs 50 cycles; `npm run bench:chaos`
 * runs more (KAIHU_CHAOS_CYCLES). A failing run prints its seed (KAIHU_CHAOS_SEED replays it).
 * Every 25 cycles it prints the time per cycle and what each kind of fault cost, so a run that
 * slows down as cycles accumulate shows where (KAIHU_OWN_SERVER_LOG=file keeps the request log).
 */
const server = ownServerForFile();

test(`every record arrives exactly once through ${CYCLES} cycles of network loss and server kills`, async ({
	page,
	context
}) => {
	// Reloads (about one cycle in eight) cost a page load each on top of the kills and cuts.
	test.setTimeout(60_000 + CYCLES * 2_500);
	await runChaos(page, context, {
		origin: server().origin,
		crash: () => server().restart(),
		crashes: () => server().restarts,
		records: () => Promise.resolve(serverRecords(server().dataDir)),
		storedBlobSha: (sha256) => Promise.resolve(storedBlobSha(server().dataDir, sha256))
	});
});
