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

export type Answer = { status: number; body: unknown } | { status: 0; error: string };

export class Device {
	private constructor(
		readonly page: Page,
		private readonly cdp: CDPSession,
		readonly origin: string
	) {}

	static async open(context: BrowserContext, origin: string): Promise<Device> {
		// tsx keeps function names with an `__name` helper that functions shipped to the page
		// (`page.evaluate`) still call; give the page a no-op one.
		await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
		const page = await context.newPage();
		await page.goto(`${origin}/outbox`);
		await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
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
			return await this.page.evaluate(
				async ({ method, path, headers, body }) => {
					try {
						const res = await fetch(path, {
							method,
							headers: { 'content-type': 'application/json', ...headers },
							body: body === undefined ? undefined : JSON.stringify(body),
							signal: AbortSignal.timeout(20_000)
						});
						const text = await res.text();
						let parsed: unknown = text;
						try {
							parsed = JSON.parse(text);
						} catch {
							// not JSON (a proxy page): keep the text
						}
						return { status: res.status, body: parsed };
					} catch (err) {
						return { status: 0 as const, error: String(err) };
					}
				},
				{ method, path, headers, body }
			);
		} catch (err) {
			// The page navigated (reload) while the request was in flight.
			return { status: 0, error: String(err) };
		}
	}

	/** Outbox rows straight from IndexedDB (no app code): id and sync state. */
	async outbox(): Promise<{ id: string; state: string }[]> {
		return this.page.evaluate(async () => {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const req = indexedDB.open('kaihu');
				req.onsuccess = () => resolve(req.result);
				req.onerror = () => reject(req.error);
			});
			const rows = await new Promise<{ id: string; state: string }[]>((resolve, reject) => {
				const req = db.transaction('outbox').objectStore('outbox').getAll();
				req.onsuccess = () => resolve(req.result as { id: string; state: string }[]);
				req.onerror = () => reject(req.error);
			});
			db.close();
			return rows.map((r) => ({ id: r.id, state: r.state }));
		});
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
