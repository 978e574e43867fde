/**
 * The witness call over a link really shaped with `tc` (WebRTC media included): Chromium and a
 * server run in a private network namespace whose loopback limits UDP. Skipped, with the reason
 * printed, where network namespaces are unavailable (not root / no CAP_NET_ADMIN).
 */
import { chromium, expect, test, type Browser } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { E2E_SIGNALLING_SECRET, launchOptions } from './browser.ts';
import { createShapedNamespace, type ShapedNamespace } from './netns.ts';
import { decodedFrames, expectConnected, expectPattern, openCall } from './witness-call.ts';

let ns: ShapedNamespace | string;
let browser: Browser;
let base = '';

test.beforeAll(async () => {
	ns = createShapedNamespace();
	if (typeof ns === 'string') {
		console.log(`[witness-shaped] SKIPPING: ${ns}`);
		return;
	}
	base = await ns.startServer({
		PORT: '4415',
		HOST: '127.0.0.1',
		DATA_DIR: mkdtempSync(join(tmpdir(), 'kaihu-e2e-ns-')),
		DATABASE_URL: '',
		SIGNALLING_SECRET: E2E_SIGNALLING_SECRET
	});
	const opts = launchOptions();
	browser = await chromium.launch({
		...opts,
		executablePath: ns.chromium,
		// The namespace has only a loopback interface; let WebRTC use it.
		args: [...opts.args, '--allow-loopback-in-peer-connection']
	});
});

test.afterAll(async () => {
	await browser?.close();
	if (typeof ns !== 'string') ns?.dispose();
});

test('with media shaped to ~150 kbps each way the call stays up and the video gets through', async () => {
	test.skip(typeof ns === 'string', String(ns));
	test.setTimeout(90_000);
	if (typeof ns === 'string') return;
	// Both directions share the namespace's loopback: 300 kbit ≈ 150 kbps each way.
	ns.shapeUdp(300);
	const call = await openCall(browser, 'shaped-1', base);
	try {
		await expectConnected(call.agent, 30_000);
		for (let i = 0; i < 4; i++) {
			const before = await decodedFrames(call.agent);
			await call.agent.waitForTimeout(5000);
			await expect(call.agent.getByTestId('call-state')).toHaveAttribute('data-state', 'connected');
			expect(await decodedFrames(call.agent)).toBeGreaterThan(before + 5);
		}
		await expectPattern(call.agent);
		// The media really went through the shaper (and it had to hold some back).
		const udp = ns.udpStats();
		console.log(`[witness-shaped] shaped UDP: ${JSON.stringify(udp)}`);
		expect(udp.packets).toBeGreaterThan(500);
	} finally {
		await call.close();
	}
});

test('when video cannot fit, the call falls back to audio only and stays up', async () => {
	test.skip(typeof ns === 'string', String(ns));
	test.setTimeout(120_000);
	if (typeof ns === 'string') return;
	ns.shapeUdp(300);
	const call = await openCall(browser, 'shaped-2', base);
	try {
		await expectConnected(call.agent, 30_000);
		ns.shapeUdp(90);
		await expect(call.customer.getByTestId('call-mode')).toHaveAttribute(
			'data-mode',
			'audio-only',
			{
				timeout: 60_000
			}
		);
		await expect(call.customer.getByTestId('call-state')).toHaveAttribute(
			'data-state',
			'connected'
		);
		await expect(call.agent.getByTestId('call-state')).toHaveAttribute('data-state', 'connected');
	} finally {
		await call.close();
	}
});
