/**
 * The staff side of the journey through their consoles, as people use them: the agent logs in,
 * takes the call from the queue of `/agent`, reads the case file, asks and decides; the reviewer
 * approves in `/review`.
 */
import { expect, type Page } from '@playwright/test';
import { expectConnected } from '../witness-call.ts';

/** The e2e server's demo staff password (playwright.config.ts). */
export const DEMO_PASSWORD = 'e2e-demo-password';

/** Labels of the staff pages in the run's language. */
export interface StaffLabels {
	username: string;
	password: string;
	login: string;
	take: string;
}

/** Opens `path`; the guard sends the user to the staff login page and back. */
export async function staffLogin(page: Page, path: string, user: string, l: StaffLabels) {
	await page.goto(path);
	await expect(page).toHaveURL(new RegExp(`/staff/login\\?next=${encodeURIComponent(path)}$`));
	await page.getByLabel(l.username).fill(user);
	await page.getByLabel(l.password).fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: l.login }).click();
	await expect(page).toHaveURL(new RegExp(`${path}$`));
}

/** What the agent must see in the case file: the person on the card and the checks' results. */
export interface CaseExpectations {
	name: string;
	idNumber: string;
}

/** The agent takes the waiting customer's call, checks the case file, asks and approves. */
export async function agentWitness(
	agent: Page,
	bookingId: string,
	l: StaffLabels,
	want: CaseExpectations
) {
	await staffLogin(agent, '/agent', 'agent', l);
	await agent.getByTestId('availability').click();
	await expect(agent.getByTestId('availability')).toHaveAttribute('aria-pressed', 'true');
	const row = agent.locator(`[data-testid="queue-row"][data-booking="${bookingId}"]`);
	await row.getByRole('button', { name: l.take }).click();
	await expect(agent).toHaveURL(new RegExp(`/agent/call/${bookingId}$`));
	await expectConnected(agent);

	// The case file: OCR fields, registry result, liveness attempts, face score, ID card images.
	const file = agent.getByTestId('case');
	await expect(file.getByTestId('field-name')).toHaveText(want.name);
	await expect(file.getByTestId('field-id-number')).toHaveText(want.idNumber);
	await expect(file.getByTestId('registry')).toHaveText('same_person');
	await expect(file.getByTestId('liveness')).toHaveAttribute('data-passed', 'true');
	await expect(file.getByTestId('liveness')).toHaveAttribute('data-bound', 'true');
	await expect(file.locator('[data-testid="liveness-attempt"][data-outcome="passed"]')).toHaveCount(1); // prettier-ignore
	const score = Number(await file.getByTestId('face-score').textContent());
	expect(score).toBeGreaterThanOrEqual(0.67);
	for (const label of ['id_front', 'id_back', 'live_photo', 'id_portrait']) {
		const img = file.locator(`[data-testid="case-image"][data-label="${label}"] img`);
		await expect(img).toBeVisible();
		await expect.poll(() => img.evaluate((i) => (i as HTMLImageElement).naturalWidth)).toBeGreaterThan(50); // prettier-ignore
	}

	// The script's questions, each tick saved; then the decision with its reasons.
	for (const q of ['identity_confirm', 'own_will', 'purpose']) {
		const box = agent.locator(`input[data-question="${q}"]`);
		await box.check();
		await expect(box).toHaveAttribute('data-saved', 'true');
	}
	const decision = agent.getByTestId('decision');
	await decision.locator('input[value="identity_confirmed"]').check();
	await decision.locator('input[value="document_matches"]').check();
	await decision.getByRole('button').click();
	await expect(agent.getByTestId('decision-result')).toContainText('witnessed');
	return score;
}

/** The agent goes back to the console and stops taking calls (the shared demo agent's state). */
export async function agentSignOff(agent: Page) {
	await agent.goto('/agent');
	const switchButton = agent.getByTestId('availability');
	await expect(switchButton).toHaveAttribute('aria-pressed', 'true');
	await switchButton.click();
	await expect(switchButton).toHaveAttribute('aria-pressed', 'false');
}

/** The reviewer opens the application from the queue and approves it; returns the account shown. */
export async function reviewerApprove(reviewer: Page, appId: string, l: StaffLabels) {
	await staffLogin(reviewer, '/review', 'reviewer', l);
	await reviewer.locator(`a[href$="/review/${appId}"]`).click();
	await expect(reviewer).toHaveURL(new RegExp(`/review/${appId}$`));
	await reviewer.locator('input[name="decision"][value="approve"]').check();
	await reviewer.locator('form[aria-labelledby="decision-h"] button[type="submit"]').click();
	const outcome = reviewer.getByRole('status').filter({ hasText: /\d{16,19}/ });
	await expect(outcome).toBeVisible();
	return (await outcome.textContent())?.match(/\d{16,19}/)?.[0];
}
