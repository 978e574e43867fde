import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';

/**
 * A stand-in third party on another loopback address (a different origin), counting what reaches
 * it. MediaPipe's usage logging to a Google endpoint is exactly this kind of request.
 */
let thirdParty: Server;
let origin = '';
const hits: string[] = [];

test.beforeAll(async () => {
	thirdParty = createServer((req, res) => {
		hits.push(`${req.method} ${req.url}`);
		res.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'text/plain' });
		res.end('third party');
	});
	await new Promise<void>((resolve) => thirdParty.listen(0, '127.0.0.2', resolve));
	origin = `http://127.0.0.2:${(thirdParty.address() as AddressInfo).port}`;
});

test.afterAll(() => new Promise<void>((resolve) => thirdParty.close(() => resolve())));

test('the CSP blocks every request from the page to a third-party origin', async ({ page }) => {
	const response = await page.goto('/');
	expect(response?.headers()['content-security-policy']).toContain("connect-src 'self'");

	const outcome = await page.evaluate(async (thirdPartyOrigin) => {
		const violations: string[] = [];
		document.addEventListener('securitypolicyviolation', (e) =>
			violations.push(e.effectiveDirective)
		);
		const results: Record<string, string> = {};
		// fetch and sendBeacon: how analytics code (MediaPipe's logger included) phones home.
		results.fetch = await fetch(`${thirdPartyOrigin}/log`, { method: 'POST', body: 'usage' }).then(
			() => 'sent',
			(e: unknown) => `blocked: ${String(e)}`
		);
		results.beacon = navigator.sendBeacon(`${thirdPartyOrigin}/beacon`, 'usage')
			? 'queued'
			: 'refused';
		results.image = await new Promise<string>((resolve) => {
			const img = new Image();
			img.onload = () => resolve('loaded');
			img.onerror = () => resolve('blocked');
			img.src = `${thirdPartyOrigin}/pixel.png`;
		});
		results.script = await new Promise<string>((resolve) => {
			const s = document.createElement('script');
			s.onload = () => resolve('loaded');
			s.onerror = () => resolve('blocked');
			s.src = `${thirdPartyOrigin}/tracker.js`;
			document.head.append(s);
		});
		await new Promise((r) => setTimeout(r, 300)); // let violation events dispatch
		return { results, violations };
	}, origin);

	expect(outcome.results.fetch).toMatch(/^blocked/);
	expect(outcome.results.image).toBe('blocked');
	expect(outcome.results.script).toBe('blocked');
	expect(outcome.violations).toEqual(
		expect.arrayContaining(['connect-src', 'img-src', 'script-src-elem'])
	);
	expect(hits).toEqual([]);

	// Control: the third party is reachable from this browser, so zero hits means the CSP stopped them.
	await page.goto(`${origin}/control`);
	// The browser itself may ask the third party for its favicon once we navigate there (it does
	// when a service worker is installed for our origin); that request is not from our page.
	expect(hits.filter((h) => h !== 'GET /favicon.ico')).toEqual(['GET /control']);
});
