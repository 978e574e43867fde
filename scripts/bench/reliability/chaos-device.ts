/**
 * The customer's device in the chaos bench: one Chromium page on the server's origin with the
 * real service worker, outbox and tus sync. Applications are created and submitted with the
 * page's `fetch` (the wizard's protocol, `src/lib/journey/send.ts`); files are queued through
 * the real `/outbox` page and uploaded by the app's own sync runner. Every call may fail (offline,
 * server killed, page reloaded mid-call): callers retry like the device would.
 */
import type { BrowserContext, CDPSession, Page } from '@playwright/test';

/** Upload throttle so chaos lands mid-upload (bytes per second). */
export const UPLOAD_BPS = 8 * 1024 * 1024;

/*
 * Page-side code is plain JavaScript in strings: this file is type-checked with Node's types only
 * (no DOM), and functions serialised from tsx-compiled code would call tsx's `__name` helper.
 */
/** `(store) => Promise<rows[]>`: every row of one IndexedDB store, read without app code. */
const IDB_ALL_JS = `(store) => new Promise((resolve, reject) => {
	const open = indexedDB.open('kaihu');
	open.onerror = () => reject(open.error);
	open.onsuccess = () => {
		const db = open.result;
		const req = db.transaction(store).objectStore(store).getAll();
		req.onsuccess = () => { db.close(); resolve(req.result); };
		req.onerror = () => { db.close(); reject(req.error); };
	};
})`;

/** `({ method, path, headers, body }) => Promise<Answer>`: one JSON request with `fetch`. */
const REQUEST_JS = `async ({ method, path, headers, body }) => {
	try {
		const res = await fetch(path, {
			method,
			headers: { 'content-type': 'application/json', ...headers },
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(20000)
		});
		const text = await res.text();
		try { return { status: res.status, body: JSON.parse(text) }; }
		catch { return { status: res.status, body: text }; }
	} catch (err) {
		return { status: 0, error: String(err) };
	}
}`;

export type Answer = { status: number; body: unknown } | { status: 0; error: string };

export class Device {
	private constructor(
		readonly page: Page,
		private readonly cdp: CDPSession,
		readonly origin: string
	) {}

	static async open(context: BrowserContext, origin: string): Promise<Device> {
		const page = await context.newPage();
		await page.goto(`${origin}/outbox`);
		await page.evaluate('navigator.serviceWorker.ready.then(() => undefined)');
		await page.waitForFunction('navigator.serviceWorker.controller !== null');
		const cdp = await context.newCDPSession(page);
		await cdp.send('Network.enable');
		const d = new Device(page, cdp, origin);
		await d.network(false);
		return d;
	}

	network(offline: boolean, throttled = true): Promise<unknown> {
		return this.cdp.send('Network.emulateNetworkConditions', {
			offline,
			latency: 0,
			downloadThroughput: -1,
			uploadThroughput: throttled ? UPLOAD_BPS : -1
		});
	}

	async reload(): Promise<void> {
		await this.page.reload({ waitUntil: 'load' }).catch(() => undefined);
	}

	/** A JSON request from the page; status 0 when no answer arrived. */
	async request(
		method: string,
		path: string,
		headers: Record<string, string>,
		body?: unknown
	): Promise<Answer> {
		try {
			const arg = JSON.stringify({ method, path, headers, body });
			return (await this.page.evaluate(`(${REQUEST_JS})(${arg})`)) as Answer;
		} catch (err) {
			// The page navigated (reload) while the request was in flight.
			return { status: 0, error: String(err) };
		}
	}

	/** Outbox rows straight from IndexedDB (no app code): id and sync state. */
	async outbox(): Promise<{ id: string; state: string }[]> {
		return (await this.page.evaluate(`(${IDB_ALL_JS})('outbox')`)) as {
			id: string;
			state: string;
		}[];
	}

	/**
	 * What is left on the device: unsent outbox rows, chunks no draft owns (the outbox's), and
	 * drafts with their chunks (a save cut short by a reload before it reached the outbox).
	 */
	async leftovers(): Promise<{
		unsent: number;
		outboxChunks: number;
		drafts: number;
		draftChunks: number;
	}> {
		const [outbox, captures, chunks] = (await this.page.evaluate(
			`Promise.all(['outbox', 'captures', 'chunks'].map(${IDB_ALL_JS}))`
		)) as [
			{ state: string; sealed?: unknown }[],
			{ blobs: { id: string }[] }[],
			{ blobId: string }[]
		];
		const draftBlobs = new Set(captures.flatMap((c) => c.blobs.map((b) => b.id)));
		const draftChunks = chunks.filter((c) => draftBlobs.has(c.blobId)).length;
		return {
			unsent: outbox.filter((r) => r.state !== 'sent' || r.sealed !== undefined).length,
			outboxChunks: chunks.length - draftChunks,
			drafts: captures.length,
			draftChunks
		};
	}

	/** Whether the status list shows an upload in flight right now. */
	async uploading(): Promise<boolean> {
		return this.page
			.getByTestId('outbox-row')
			.evaluateAll((els) => els.some((e) => e.getAttribute('data-state') === 'uploading'))
			.catch(() => false);
	}

	/** Fills and submits the outbox form once (may be cut short by a reload). */
	async queueOnce(name: string, idNumber: string, file: { name: string; buffer: Buffer }) {
		const p = this.page;
		await p.getByLabel('姓名').fill(name, { timeout: 10_000 });
		await p.getByLabel('证件号码').fill(idNumber, { timeout: 10_000 });
		await p.getByLabel('证件照片或录像').setInputFiles({ ...file, mimeType: 'video/webm' });
		await p.getByRole('button', { name: /提交/ }).click({ timeout: 10_000 });
	}
}
