import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { syntheticCitizens } from '../../server/registry/synthetic.ts';
import { submissionFor } from '../../server/testing/submission.ts';
import { expectSettled } from './settled.ts';
import { decodedFrames, expectConnected, expectPattern } from './witness-call.ts';

/** A 1×1 PNG: the drawn signature of the test application. */
const SIGNATURE =
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** An application submitted through the API for a citizen of the embedded registry. */
async function pendingApplication(request: APIRequestContext, citizen: number) {
	const created = await request.post('/api/applications');
	const { id, token } = (await created.json()) as { id: string; token: string };
	const c = syntheticCitizens()[citizen];
	if (!c) throw new Error('no citizen');
	const submitted = await request.post(`/api/applications/${id}/submit`, {
		headers: { authorization: `Bearer ${token}`, 'idempotency-key': `e2e-${id}` },
		data: submissionFor(c, SIGNATURE)
	});
	expect(await submitted.json()).toMatchObject({ state: 'submitted' });
	await expectSettled(request, { id, token }, 'witness_pending');
	return { id, token, name: c.name };
}

/** Opens the agent console: the guard sends the agent to the staff login page and back. */
async function loginAgent(page: Page) {
	await page.goto('/agent');
	await expect(page).toHaveURL(/\/staff\/login\?next=%2Fagent$/);
	await page.getByLabel('用户名').fill('agent');
	await page.getByLabel('密码').fill('e2e-demo-password');
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page).toHaveURL(/\/agent$/);
}

test('book → queue → the agent takes the call, sees the video, asks, commands, captures and approves', async ({
	browser
}) => {
	const customerCtx = await browser.newContext({ locale: 'zh-CN' });
	const agentCtx = await browser.newContext({ locale: 'zh-CN' });
	try {
		const customer = await customerCtx.newPage();
		const agent = await agentCtx.newPage();
		const app = await pendingApplication(customerCtx.request, 7);

		// The customer books "now" and waits in the queue.
		await customer.goto(`/witness/book#app=${app.id}&k=${app.token}`);
		await customer.getByRole('button', { name: '立即见证' }).click();
		await expect(customer).toHaveURL(/\/witness\/[a-f0-9]{24}$/);
		const bookingId = customer.url().split('/').pop() ?? '';
		await expect(customer.getByTestId('queue-position')).toHaveAttribute('data-position', '1');

		// The agent logs in, becomes available and sees the customer in the queue.
		await loginAgent(agent);
		await expect(agent.getByRole('heading', { level: 1 })).toHaveText('坐席工作台');
		// The demo agent is shared by the specs: switch on only if another left it off.
		const available = agent.getByTestId('availability');
		if ((await available.getAttribute('aria-pressed')) !== 'true') await available.click();
		await expect(available).toHaveAttribute('aria-pressed', 'true');
		const row = agent.locator(`[data-testid="queue-row"][data-booking="${bookingId}"]`);
		await expect(row).toBeVisible();
		await row.getByRole('button', { name: '接起' }).click();
		await expect(agent).toHaveURL(new RegExp(`/agent/call/${bookingId}$`));

		// Both join through our signalling; the agent decodes the customer's camera.
		await expectConnected(agent);
		await expectConnected(customer);
		const first = await decodedFrames(agent);
		await expect.poll(() => decodedFrames(agent)).toBeGreaterThan(first + 10);
		await expectPattern(agent);

		// The case file shows the application read from the ID card and the registry result.
		await expect(agent.getByTestId('field-name')).toHaveText(app.name);
		await expect(agent.getByTestId('registry')).toHaveText('same_person');

		// Scripted questions, ticked (each tick is saved).
		for (const q of ['identity_confirm', 'own_will', 'purpose']) {
			const box = agent.locator(`input[data-question="${q}"]`);
			await box.check();
			await expect(box).toHaveAttribute('data-saved', 'true');
		}

		// "Show your ID": the customer's page shows the request; the agent sees it was seen.
		await agent.locator('button[data-command="show_id"]').click();
		await expect(customer.getByTestId('agent-command')).toHaveAttribute('data-command', 'show_id');
		await expect(customer.getByTestId('agent-command')).toContainText('身份证');
		await expect(agent.getByTestId('command-status')).toContainText('客户已看到');

		// A still from the customer's video is stored with the case and shown back.
		await agent.getByTestId('capture-still').click();
		const still = agent.locator('[data-testid="case-image"][data-kind="witness_still"] img');
		await expect(still).toBeVisible();
		await expect
			.poll(() => still.evaluate((img) => (img as HTMLImageElement).naturalWidth))
			.toBeGreaterThan(100);

		// Approve with reason codes: the application moves on and the history shows the decision.
		await agent.getByRole('checkbox', { name: '身份确认一致' }).check();
		await agent.getByRole('checkbox', { name: '证件与资料一致' }).check();
		await agent.getByRole('button', { name: '提交结论' }).click();
		await expect(agent.getByTestId('decision-result')).toContainText('witnessed');
		await expect(
			agent.locator('[data-testid="history"] li[data-action="witness.decide"]')
		).toContainText('approve');
		const actions = await agent
			.locator('[data-testid="history"] li')
			.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-action')));
		expect(actions).toEqual(
			expect.arrayContaining([
				'booking.create',
				'booking.claim',
				'witness.question',
				'witness.command',
				'witness.still',
				'witness.decide'
			])
		);
		const view = await agent.evaluate(
			async (id) =>
				((await (await fetch(`/api/staff/applications/${id}`)).json()) as { state: string }).state,
			app.id
		);
		expect(view).toBe('witnessed');
	} finally {
		await customerCtx.close();
		await agentCtx.close();
	}
});
