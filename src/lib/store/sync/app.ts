import { SYNC_TAG } from '$lib/offline/constants.ts';
import { db } from '../db.ts';
import { pruneSent } from '../outbox.ts';
import { requestPersistence } from '../storage.ts';
import { SyncRunner } from './runner.ts';
import { httpTransport } from './transport.ts';

/** While the app is open, sync also runs on this timer (besides online / open / new records). */
export const SYNC_INTERVAL_MS = 30_000;
/** "Sent" tombstones (no PII) stay in the status list this long. */
export const SENT_KEPT_MS = 7 * 24 * 3600_000;

let runner: SyncRunner | undefined;

/**
 * Starts the page's sync runner once and wires every trigger: app open, `online`, visibility,
 * a timer while open, and Background Sync messages from the service worker.
 */
export function startSync(): SyncRunner {
	if (runner) return runner;
	const r = new SyncRunner({ db: db(), transport: httpTransport() });
	runner = r;
	addEventListener('online', () => void r.kick('online'));
	document.addEventListener('visibilitychange', () => {
		if (document.visibilityState === 'visible') void r.kick('open');
	});
	setInterval(() => void r.kick('timer'), SYNC_INTERVAL_MS);
	navigator.serviceWorker?.addEventListener('message', (e: MessageEvent) => {
		if ((e.data as { type?: string } | null)?.type === 'sync') void r.kick('background-sync');
	});
	void requestPersistence();
	void pruneSent(db(), SENT_KEPT_MS).catch(() => undefined);
	void r.kick('open');
	return r;
}

/** A record was queued: try now, and ask for Background Sync in case the page closes first. */
export async function recordQueued(): Promise<void> {
	void startSync().kick('enqueued');
	const reg = await navigator.serviceWorker?.getRegistration().catch(() => undefined);
	const sync = (reg as { sync?: { register(tag: string): Promise<void> } } | undefined)?.sync;
	await sync?.register(SYNC_TAG).catch(() => undefined);
}

/** Pauses sync (before an update reload); the upload in flight resumes from its tus offset. */
export async function pauseSync(): Promise<void> {
	await runner?.stop();
}
