import { db } from '../db.ts';
import { listOutbox } from '../outbox.ts';
import { FetchHttpStack } from './fetch-http-stack.ts';
import { SyncRunner, waitingWebLock } from './runner.ts';
import { httpTransport } from './transport.ts';

/** How long a Background Sync run waits for a sync already in progress. */
const LOCK_WAIT_MS = 60_000;

/** What one Background Sync run left behind. */
export interface DrainResult {
	sent: number;
	/** Records still waiting to retry (the browser should fire `sync` again later). */
	pending: number;
}

/**
 * Runs the outbox from the service worker, with no page open: the same runner, database and
 * device key as the page (a non-extractable `CryptoKey` in IndexedDB works in any worker of this
 * origin), tus over `fetch`. Web Locks keep it from racing a page that is already syncing.
 * Called on the `sync` event, which Chromium fires when connectivity returns.
 */
export async function drainOutbox(origin: string): Promise<DrainResult> {
	const database = db();
	const before = await listOutbox(database);
	const runner = new SyncRunner({
		db: database,
		transport: httpTransport(origin, new FetchHttpStack()),
		// The browser fires `sync` because connectivity is back; the worker's `navigator.onLine`
		// can lag behind it. A send that still fails is retried and the worker asks for another
		// sync (`pending`), so trusting the event costs nothing and never parks a record idle.
		isOnline: () => true,
		// A page (or an earlier `sync` event) may be syncing right now: wait for it, then send
		// what it left, rather than skip and leave records to the browser's next retry.
		exclusive: waitingWebLock(LOCK_WAIT_MS)
	});
	try {
		await runner.kick('online');
	} finally {
		await runner.stop();
	}
	const after = await listOutbox(database);
	const wasSent = new Set(before.filter((r) => r.state === 'sent').map((r) => r.id));
	return {
		sent: after.filter((r) => r.state === 'sent' && !wasSent.has(r.id)).length,
		pending: after.filter((r) => r.state === 'queued' || r.state === 'uploading').length
	};
}
