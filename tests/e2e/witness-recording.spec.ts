import { expect, test } from '@playwright/test';
import { expectConnected, openCall } from './witness-call.ts';

/**
 * Both parties record both sides of a witness call; the chunks go through each device's outbox
 * (sealed in IndexedDB, uploaded over tus) and the server links them to the booking: at least four
 * recordings (customer/agent × own camera/other party), each complete, credential-verified and
 * streamed whole with the bytes the devices uploaded.
 */
const BOOKING = 'e2e-recorded-booking';

test('both sides of a call reach the server through the outbox, linked to the booking', async ({
	browser
}) => {
	const call = await openCall(browser, BOOKING);
	try {
		await expectConnected(call.agent);
		await expectConnected(call.customer);
		for (const page of [call.customer, call.agent])
			await expect
				.poll(
					async () => Number(await page.getByTestId('recorded-chunks').getAttribute('data-count')),
					{
						timeout: 15_000
					}
				)
				.toBeGreaterThanOrEqual(3);
		for (const page of [call.agent, call.customer])
			await page.getByRole('button', { name: /挂断/ }).click();

		const staff = await browser.newContext();
		const login = await staff.request.post('/api/auth/login', {
			data: { username: 'agent', password: 'e2e-demo-password' }
		});
		expect(login.status()).toBe(200);
		type Listed = {
			role: string;
			side: string;
			complete: boolean;
			verified: boolean;
			bytes: number;
			blobs: { sha256: string }[];
			mediaUrl: string;
		};
		let recordings: Listed[] = [];
		await expect
			.poll(
				async () => {
					const res = await staff.request.get(`/api/staff/witness-recordings?booking=${BOOKING}`);
					recordings = ((await res.json()) as { recordings: Listed[] }).recordings;
					// A side recorded again after a reconnect is one more (complete) recording.
					return [
						...new Set(recordings.filter((r) => r.complete).map((r) => `${r.role}/${r.side}`))
					].sort();
				},
				{ timeout: 30_000 }
			)
			.toEqual(['agent/local', 'agent/remote', 'customer/local', 'customer/remote']);
		expect(recordings.every((r) => r.verified && r.bytes > 0)).toBe(true);
		const one = recordings.find((r) => r.role === 'customer' && r.side === 'local') as Listed;
		const media = await staff.request.get(one.mediaUrl);
		const body = await media.body();
		expect(body.byteLength).toBe(one.bytes);
		// The segments' chunks in order form one WebM file: it starts with the EBML header.
		expect(body.subarray(0, 4).toString('hex')).toBe('1a45dfa3');
		console.log(
			`call recordings: ${recordings.map((r) => `${r.role}/${r.side} ${r.bytes} B in ${r.blobs.length} chunks`).join('; ')}`
		);
		await staff.close();
	} finally {
		await call.close();
	}
});
