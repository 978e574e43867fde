/**
 * Records every request Chromium makes for a browser context: pages, dedicated workers and the
 * service worker (Playwright's context `request` event covers all three in Chromium), WebSockets,
 * and, as a cross-check from Chromium itself, the DevTools `Network` domain of each page. Also
 * keeps the Content-Security-Policy of every first-party response and the CSP violations Chromium
 * reports (requests the policy stopped before they left the browser).
 *
 * {@link RequestRecorder.problems} then says what breaks the promise "no third-party request":
 * any URL off the app origin (`data:` never leaves the browser; `blob:` must belong to the app
 * origin), and any document or worker script whose CSP is not strict (`tests/fixtures/privacy/csp-rules.ts`).
 */
import type { BrowserContext, Page, Request, Response } from '@playwright/test';
import { cspProblems } from '../../fixtures/privacy/csp-rules.ts';

export type RequestSource = 'page' | 'worker' | 'service-worker' | 'websocket' | 'devtools';

export interface RecordedRequest {
	context: string;
	source: RequestSource;
	method: string;
	resourceType: string;
	url: string;
}

interface SeenResponse {
	context: string;
	url: string;
	resourceType: string;
	csp: string | undefined;
	fromServiceWorker: boolean;
}

/** Where a URL goes: the app itself, nowhere (in-browser data), or a third party. */
export function destination(url: string, appOrigin: string): 'app' | 'local' | 'third-party' {
	const app = new URL(appOrigin);
	if (url.startsWith('data:') || url === 'about:blank' || url === 'about:srcdoc') return 'local';
	if (url.startsWith('blob:'))
		return new URL(url.slice(5)).origin === app.origin ? 'local' : 'third-party';
	const u = new URL(url);
	if (u.origin === app.origin) return 'app';
	const ws = u.protocol === 'ws:' || u.protocol === 'wss:';
	return ws && u.host === app.host ? 'app' : 'third-party';
}

export class RequestRecorder {
	readonly requests: RecordedRequest[] = [];
	readonly violations: { context: string; text: string }[] = [];
	readonly workerScripts = new Set<string>();
	private readonly responses: Promise<SeenResponse>[] = [];

	constructor(readonly appOrigin: string) {}

	/** Starts recording `context` (label it by role, e.g. `customer`); call before its first page. */
	async attach(context: BrowserContext, label: string): Promise<void> {
		context.on('request', (r) => this.requests.push(this.entry(label, r)));
		context.on('response', (r) => this.responses.push(this.seen(label, r)));
		context.on('serviceworker', (w) => this.workerScripts.add(w.url()));
		context.on('page', (page) => void this.watchPage(label, page));
		for (const page of context.pages()) await this.watchPage(label, page);
	}

	private entry(context: string, r: Request): RecordedRequest {
		let source: RequestSource = 'page';
		if (r.serviceWorker()) source = 'service-worker';
		else {
			try {
				r.frame();
			} catch {
				source = 'worker'; // Playwright: no frame for requests a dedicated worker makes
			}
		}
		return { context, source, method: r.method(), resourceType: r.resourceType(), url: r.url() };
	}

	private async seen(context: string, r: Response): Promise<SeenResponse> {
		const headers = await r.allHeaders().catch(() => ({}) as Record<string, string>);
		return {
			context,
			url: r.url(),
			resourceType: r.request().resourceType(),
			csp: headers['content-security-policy'],
			fromServiceWorker: r.fromServiceWorker()
		};
	}

	private async watchPage(context: string, page: Page): Promise<void> {
		page.on('worker', (w) => this.workerScripts.add(w.url()));
		page.on('websocket', (ws) =>
			this.requests.push({
				context,
				source: 'websocket',
				method: 'GET',
				resourceType: 'websocket',
				url: ws.url()
			})
		);
		page.on('console', (m) => {
			if (/Content Security Policy/i.test(m.text()))
				this.violations.push({ context, text: m.text() });
		});
		// Chromium's own view of the page's network, independent of Playwright's bookkeeping.
		try {
			const cdp = await page.context().newCDPSession(page);
			cdp.on('Network.requestWillBeSent', (e) =>
				this.requests.push({
					context,
					source: 'devtools',
					method: e.request.method,
					resourceType: e.type ?? 'Other',
					url: e.request.url
				})
			);
			await cdp.send('Network.enable');
		} catch {
			// The page closed before the session attached; Playwright's events still saw it.
		}
	}

	/** Everything that breaks the privacy promise; empty when none. Waits for pending responses. */
	async problems(): Promise<string[]> {
		const out: string[] = [];
		for (const r of this.requests) {
			if (destination(r.url, this.appOrigin) === 'third-party')
				out.push(`[${r.context}] ${r.source} ${r.method} ${r.url} (${r.resourceType})`);
		}
		for (const r of await Promise.all(this.responses)) {
			const u = new URL(r.url);
			if (u.origin !== this.appOrigin || !u.protocol.startsWith('http')) continue;
			const isWorker = this.workerScripts.has(r.url);
			if (r.resourceType !== 'document' && !isWorker) {
				// Every response carries the policy (README), not only documents.
				if (!r.csp) out.push(`[${r.context}] no CSP on ${r.url}`);
				continue;
			}
			for (const p of cspProblems(r.csp)) out.push(`[${r.context}] CSP of ${r.url}: ${p}`);
		}
		return out;
	}

	/** Counts for the report: requests by source and destination, responses checked. */
	async summary() {
		const bySource: Record<string, number> = {};
		const byDestination: Record<string, number> = {};
		for (const r of this.requests) {
			bySource[r.source] = (bySource[r.source] ?? 0) + 1;
			const d = destination(r.url, this.appOrigin);
			byDestination[d] = (byDestination[d] ?? 0) + 1;
		}
		const responses = await Promise.all(this.responses);
		const seen = new Set(this.requests.filter((r) => r.source !== 'devtools').map((r) => r.url));
		return {
			requests: this.requests.filter((r) => r.source !== 'devtools').length,
			bySource,
			byDestination,
			/** URLs Chromium's DevTools saw that Playwright's events did not (a cross-check). */
			devtoolsOnly: [
				...new Set(
					this.requests
						.filter((r) => r.source === 'devtools' && !seen.has(r.url))
						.map((r) => (r.url.length > 80 ? `${r.url.slice(0, 77)}...` : r.url))
				)
			],
			documentsChecked: responses.filter((r) => r.resourceType === 'document').length,
			workerScripts: [...this.workerScripts].map((u) => new URL(u).pathname),
			responsesWithCsp: responses.filter((r) => r.csp).length,
			responses: responses.length,
			cspViolations: this.violations.length
		};
	}
}
