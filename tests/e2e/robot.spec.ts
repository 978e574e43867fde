import { createHash } from 'node:crypto';
import { expect, test, type APIRequestContext, type Route } from '@playwright/test';
import { syntheticCitizens } from '../../server/registry/synthetic.ts';
import { submissionFor } from '../../server/testing/submission.ts';
import { ROBOT_QUESTIONS } from '../../src/lib/witness/robot/script.ts';
import { expectSettled } from './settled.ts';

/**
 * Robot (self-service) witness end to end: a customer with the fake camera and microphone
 * answers the three scripted questions; the network drops while an answer is uploading, the page
 * is reloaded offline, the network comes back; the server ends with one session holding three
 * answer recordings whose sha256 match the device's, and a staff member's browser plays one of them.
 */
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function pendingApplication(api: APIRequestContext) {
	const created = (await (await api.post('/api/applications')).json()) as {
		id: string;
		token: string;
	};
	// A citizen of the embedded registry no other e2e test submits.
	const c = syntheticCitizens()[41];
	if (!c) throw new Error('no synthetic citizen');
	const res = await api.post(`/api/applications/${created.id}/submit`, {
		headers: { authorization: `Bearer ${created.token}`, 'idempotency-key': `robot-${created.id}` },
		data: submissionFor(c)
	});
	expect(await res.json()).toMatchObject({ state: 'submitted' });
	await expectSettled(api, created, 'witness_pending');
	return created;
}

test('robot mode: three answers survive an outage mid-upload and play back for staff', async ({
	browser
}) => {
	const customer = await browser.newContext({ locale: 'zh-CN' });
	const page = await customer.newPage();
	const app = await pendingApplication(customer.request);

	// Until the outage, every upload request (the page's or the service worker's Background Sync)
	// is held open, so the network really drops in the middle of an upload however fast the
	// machine is. The outage is the whole context's (page and service worker), as on a phone.
	const held: Route[] = [];
	let holding = true;
	await customer.route('**/api/uploads**', (route) => {
		if (holding) held.push(route);
		else return route.fallback();
	});
	const cut = async () => {
		holding = false;
		await customer.setOffline(true);
		for (const r of held.splice(0)) await r.abort('internetdisconnected');
	};

	await page.goto(`/robot/${app.id}#t=${app.token}`);
	// The app shell is cached, so the page can be reloaded offline below.
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));

	await page.getByRole('button', { name: '开始' }).click();
	const phase = page.getByTestId('robot-phase');
	const rows = page.locator('[data-testid="outbox-row"]');
	for (const [index, q] of ROBOT_QUESTIONS.entries()) {
		await expect(phase).toHaveAttribute('data-index', String(index));
		await expect(page.getByTestId('robot-question')).toHaveText(q.zh);
		await expect(phase).toHaveAttribute('data-phase', 'answering', { timeout: 15_000 });
		if (index === 0) {
			// "Repeat" discards the answer in progress and asks again.
			await page.getByRole('button', { name: '重听问题' }).click();
			await expect(phase).toHaveAttribute('data-phase', 'answering', { timeout: 15_000 });
		}
		// The customer speaks for a moment (the fake devices play a tone and a test pattern).
		await page.waitForTimeout(1500);
		await page.getByRole('button', { name: /回答完毕/ }).click();
		await expect(page.getByTestId('robot-saved')).toHaveCount(index + 1);
		if (index === 0) {
			await expect(rows.first()).toHaveAttribute('data-state', 'uploading');
			await expect.poll(() => held.length).toBeGreaterThan(0);
			await cut();
		}
	}
	await expect(phase).toHaveAttribute('data-phase', 'done');
	const sessionId = (await phase.getAttribute('data-session')) ?? '';
	const deviceSha = await page
		.getByTestId('robot-saved')
		.evaluateAll((els) => els.map((e) => e.getAttribute('data-sha256')));
	// Offline: nothing has been delivered; four records (3 answers + the session's end) wait.
	await expect(rows).toHaveCount(4);
	expect(
		await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))
	).not.toContain('sent');

	// Reloaded while offline: the sealed answers are still queued on the device.
	await page.reload();
	await expect(rows).toHaveCount(4);
	await expect(page.locator('[data-testid="outbox-row"][data-state="sent"]')).toHaveCount(0);

	const backOnline = Date.now();
	await customer.setOffline(false);
	await expect(page.locator('[data-testid="outbox-row"][data-state="sent"]')).toHaveCount(4, {
		timeout: 30_000
	});
	console.log(`robot: all records delivered ${Date.now() - backOnline} ms after reconnecting`);

	// Staff side: exactly one session for this application, three recordings matching the device.
	const staff = await browser.newContext({ locale: 'zh-CN' });
	const login = await staff.request.post('/api/auth/login', {
		data: { username: 'agent', password: 'e2e-demo-password' }
	});
	expect(login.status()).toBe(200);
	const sessions = [];
	for (const state of ['recording', 'awaiting_review', 'reviewed']) {
		const res = await staff.request.get(`/api/staff/robot-sessions?state=${state}`);
		const body = (await res.json()) as { sessions: { id: string; applicationId: string }[] };
		sessions.push(...body.sessions.filter((s) => s.applicationId === app.id));
	}
	expect(sessions).toEqual([
		expect.objectContaining({ id: sessionId, state: 'awaiting_review', answers: 3, questions: 3 })
	]);
	const view = (await (
		await staff.request.get(`/api/staff/robot-sessions/${sessionId}`)
	).json()) as {
		answers: { questionId: string; sha256: string; mediaUrl: string; bytes: number }[];
	};
	expect(view.answers.map((a) => a.questionId)).toEqual(ROBOT_QUESTIONS.map((q) => q.id));
	expect(view.answers.map((a) => a.sha256)).toEqual(deviceSha);
	for (const a of view.answers) {
		const media = await staff.request.get(a.mediaUrl);
		expect(sha256(await media.body())).toBe(a.sha256);
	}
	console.log(`robot answers: ${view.answers.map((a) => a.bytes).join(', ')} bytes`);

	const reviewer = await staff.newPage();
	await reviewer.goto(`/robot-review?session=${sessionId}`);
	const video = reviewer.getByTestId('robot-answer-media').first();
	await expect(video).toHaveAttribute('data-sha256', deviceSha[0] ?? '');
	// HAVE_CURRENT_DATA or better: the recording decodes in the staff browser.
	await reviewer.waitForFunction(
		() =>
			((document.querySelector('[data-testid="robot-answer-media"]') as HTMLVideoElement | null)
				?.readyState ?? 0) >= 2
	);
	await customer.close();
	await staff.close();
});
