import { expect, test, type Browser, type Page } from '@playwright/test';
import { E2E_SIGNALLING_SECRET } from '../../playwright.config.ts';
import { HmacAuthority } from '../../server/signalling/credentials.ts';
import { QUADRANTS } from '../fixtures/pattern.ts';

const authority = new HmacAuthority(E2E_SIGNALLING_SECRET);

/** Opens the customer's and the agent's witness pages in two browser contexts. */
async function openCall(browser: Browser, bookingId: string) {
	const customerCtx = await browser.newContext();
	const agentCtx = await browser.newContext();
	const customer = await customerCtx.newPage();
	const agent = await agentCtx.newPage();
	const t = (role: 'customer' | 'agent') => authority.issue({ bookingId, role });
	await customer.goto(`/witness/${bookingId}#t=${t('customer')}`);
	await agent.goto(`/witness/${bookingId}/agent#t=${t('agent')}`);
	return {
		customer,
		agent,
		close: async () => {
			await customerCtx.close();
			await agentCtx.close();
		}
	};
}

/** Frames the remote <video> has decoded so far. */
const decodedFrames = (page: Page) =>
	page
		.getByTestId('remote-video')
		.evaluate((el) => (el as HTMLVideoElement).getVideoPlaybackQuality().totalVideoFrames);

/** RGB of the remote video's current frame at fractional positions. */
async function sampleRemote(page: Page, points: [number, number][]) {
	return page.getByTestId('remote-video').evaluate((el, pts) => {
		const v = el as HTMLVideoElement;
		const c = document.createElement('canvas');
		c.width = v.videoWidth;
		c.height = v.videoHeight;
		const ctx = c.getContext('2d', { willReadFrequently: true });
		if (!ctx) throw new Error('no 2d context');
		ctx.drawImage(v, 0, 0);
		return pts.map(([fx, fy]): number[] =>
			Array.from(
				ctx.getImageData(Math.floor(fx * c.width), Math.floor(fy * c.height), 1, 1).data.slice(0, 3)
			)
		);
	}, points);
}

async function expectPattern(page: Page) {
	const [tl, tr, bl, br] = await sampleRemote(page, [
		[0.25, 0.2],
		[0.75, 0.2],
		[0.25, 0.8],
		[0.75, 0.8]
	]);
	const close = (got: number[] | undefined, want: readonly number[]) =>
		want.forEach((w, i) => expect(Math.abs((got?.[i] ?? -999) - w)).toBeLessThan(45));
	close(tl, QUADRANTS.topLeft);
	close(tr, QUADRANTS.topRight);
	close(bl, QUADRANTS.bottomLeft);
	close(br, QUADRANTS.bottomRight);
}

/** Throttles a page's network (WebRTC included) through CDP. */
async function throttle(page: Page, kbps: number, latencyMs = 80) {
	const cdp = await page.context().newCDPSession(page);
	const bytesPerSecond = (kbps * 1000) / 8;
	await cdp.send('Network.enable');
	await cdp.send('Network.emulateNetworkConditions', {
		offline: false,
		latency: latencyMs,
		downloadThroughput: bytesPerSecond,
		uploadThroughput: bytesPerSecond
	});
}

test('the agent sees the customer’s camera through our signalling', async ({ browser }) => {
	const call = await openCall(browser, 'e2e-booking-1');
	try {
		await expect(call.customer.getByRole('heading', { level: 1 })).toContainText('视频见证');
		await expect(call.agent.getByTestId('call-state')).toHaveAttribute('data-state', 'connected', {
			timeout: 20_000
		});
		await expect(call.customer.getByTestId('call-state')).toHaveAttribute(
			'data-state',
			'connected'
		);
		const first = await decodedFrames(call.agent);
		await expect.poll(() => decodedFrames(call.agent)).toBeGreaterThan(first + 10);
		await expectPattern(call.agent);
		// Both sides are recorded in chunks while the call runs.
		await expect
			.poll(
				async () =>
					Number(await call.agent.getByTestId('recorded-chunks').getAttribute('data-count')),
				{
					timeout: 15_000
				}
			)
			.toBeGreaterThanOrEqual(2);
	} finally {
		await call.close();
	}
});

test('a third party with another booking’s credential cannot join the call', async ({
	browser
}) => {
	const ctx = await browser.newContext();
	const page = await ctx.newPage();
	// A valid customer credential, but for a different booking than the page's.
	const other = authority.issue({ bookingId: 'e2e-booking-other', role: 'customer' });
	await page.goto(`/witness/e2e-booking-1#t=${other}`);
	await expect(page.getByTestId('call-error')).toHaveAttribute('data-code', 'signalling-refused');
	await ctx.close();
});

test('the call stays up with the network throttled to ~150 kbps', async ({ browser }) => {
	const call = await openCall(browser, 'e2e-booking-2');
	try {
		await expect(call.agent.getByTestId('call-state')).toHaveAttribute('data-state', 'connected', {
			timeout: 20_000
		});
		await throttle(call.customer, 150);
		await throttle(call.agent, 150);
		// Twenty seconds on the slow link: still connected, still decoding new frames.
		for (let i = 0; i < 4; i++) {
			const before = await decodedFrames(call.agent);
			await call.agent.waitForTimeout(5000);
			await expect(call.agent.getByTestId('call-state')).toHaveAttribute('data-state', 'connected');
			expect(await decodedFrames(call.agent)).toBeGreaterThan(before + 10);
		}
		await expectPattern(call.agent);
	} finally {
		await call.close();
	}
});
