/** Helpers shared by the witness e2e specs: two-party call set-up and remote-video checks. */
import { expect, type Browser, type Page } from '@playwright/test';
import { HmacAuthority } from '../../server/signalling/credentials.ts';
import { QUADRANTS } from '../fixtures/pattern.ts';
import { E2E_SIGNALLING_SECRET } from './browser.ts';
import { videoPixels } from './video-pixels.ts';

export const authority = new HmacAuthority(E2E_SIGNALLING_SECRET);

/** Opens the customer's and the agent's witness pages in two browser contexts. */
export async function openCall(browser: Browser, bookingId: string, baseURL?: string) {
	// An explicit `baseURL: undefined` would drop the config's base URL.
	const options = { locale: 'zh-CN', ...(baseURL ? { baseURL } : {}) };
	const customerCtx = await browser.newContext(options);
	const agentCtx = await browser.newContext(options);
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
export const decodedFrames = (page: Page) =>
	page
		.getByTestId('remote-video')
		.evaluate((el) => (el as HTMLVideoElement).getVideoPlaybackQuality().totalVideoFrames);

/** The decoded remote frame shows the fake camera's four quadrants. */
export async function expectPattern(page: Page) {
	const [tl, tr, bl, br] = await videoPixels(page, 'remote-video', [
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

export async function expectConnected(page: Page, timeout = 20_000) {
	await expect(page.getByTestId('call-state')).toHaveAttribute('data-state', 'connected', {
		timeout
	});
}
