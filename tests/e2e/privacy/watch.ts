/**
 * One hook for a journey test: `const privacy = await watchPrivacy(browser, who)` before the
 * journey, `await privacy.verify()` after it. In between, every browser context the test creates
 * with `browser.newContext()` (customer, agent, reviewer, and any added later) is recorded
 * (`requests.ts`), and each context's device storage is scanned for `who`'s data just before the
 * context closes (`storage-scan.ts`). `verify` then also greps what the server logged meanwhile
 * (`server-log.ts`) and asserts: no third-party request, strict CSP on every document and worker,
 * no plaintext PII on any device, no PII in the server log (not even masked beyond 4 digits).
 */
import { expect, test, type Browser, type BrowserContext } from '@playwright/test';
import { findPii, type TestIdentity } from '../../fixtures/privacy/pii-leaks.ts';
import { RequestRecorder } from './requests.ts';
import { serverLogOffset, serverLogSince } from './server-log.ts';
import { scanDeviceStorage, type StorageScan } from './storage-scan.ts';

export interface PrivacyWatch {
	/** Asserts the privacy promises over everything since `watchPrivacy`; returns the numbers. */
	verify(): Promise<PrivacyReport>;
}

export interface PrivacyReport {
	requests: Awaited<ReturnType<RequestRecorder['summary']>>;
	storage: { context: string; url: string; stats: StorageScan['stats'] }[];
	serverLog: { lines: number; bytes: number };
	/** Time the checks themselves took (storage scans at close, and verify). */
	overheadMs: number;
}

/** `appURL` is the app's own origin (default: the project's `baseURL`); anything else is foreign. */
export async function watchPrivacy(
	browser: Browser,
	who: TestIdentity,
	appURL?: string
): Promise<PrivacyWatch> {
	const baseURL = appURL ?? test.info().project.use.baseURL;
	if (!baseURL) throw new Error('watchPrivacy needs use.baseURL');
	const origin = new URL(baseURL).origin;
	const recorder = new RequestRecorder(origin);
	const logOffset = serverLogOffset();
	const scans: { context: string; url: string; scan: StorageScan }[] = [];
	const open = new Map<BrowserContext, string>();
	let contexts = 0;

	let overheadMs = 0;
	const scan = async (ctx: BrowserContext, label: string) => {
		const t0 = performance.now();
		open.delete(ctx);
		let page = ctx.pages().find((p) => p.url().startsWith(origin));
		if (!page) {
			page = await ctx.newPage();
			await page.goto(`${origin}/api/health`);
		}
		scans.push({ context: label, url: page.url(), scan: await scanDeviceStorage(page, who) });
		overheadMs += performance.now() - t0;
	};

	const newContext = browser.newContext.bind(browser);
	browser.newContext = async (options) => {
		const ctx = await newContext(options);
		const label = `context-${++contexts}${options?.locale ? `(${options.locale})` : ''}`;
		open.set(ctx, label);
		await recorder.attach(ctx, label);
		const close = ctx.close.bind(ctx);
		ctx.close = async (opts) => {
			if (open.has(ctx)) await scan(ctx, label);
			return close(opts);
		};
		return ctx;
	};

	return {
		async verify() {
			const t0 = performance.now();
			Reflect.deleteProperty(browser, 'newContext');
			for (const [ctx, label] of [...open]) await scan(ctx, label);
			const log = await serverLogSince(logOffset, baseURL);
			const report: PrivacyReport = {
				requests: await recorder.summary(),
				storage: scans.map((s) => ({ context: s.context, url: s.url, stats: s.scan.stats })),
				serverLog: { lines: log.split('\n').filter(Boolean).length, bytes: log.length },
				overheadMs: Math.round(overheadMs + performance.now() - t0)
			};
			await test.info().attach('privacy.json', {
				body: JSON.stringify(report, null, 2),
				contentType: 'application/json'
			});

			console.log(`privacy: ${JSON.stringify(report)}`);
			// Not vacuous: the journey made requests, the server logged them, storage was read.
			expect(report.requests.requests).toBeGreaterThan(0);
			expect(report.serverLog.lines).toBeGreaterThan(0);
			expect(scans.length).toBeGreaterThan(0);

			expect(await recorder.problems(), 'third-party requests or loose CSP').toEqual([]);
			expect(
				scans.flatMap((s) => s.scan.hits.map((h) => `[${s.context}] ${h.field} in ${h.where}`)),
				'plaintext PII on the device'
			).toEqual([]);
			expect(
				scans.reduce((n, s) => n + s.scan.stats.extractableKeys, 0),
				'extractable keys in IndexedDB'
			).toBe(0);
			expect(
				findPii(log, who).map((l) => `${l.field}: ${l.found} … ${l.excerpt}`),
				'PII in the server log'
			).toEqual([]);
			return report;
		}
	};
}
