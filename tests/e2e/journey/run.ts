/**
 * The customer journey of `journey.spec.ts` as a function, so the scale-out e2e walks the same
 * journey through a round-robin proxy in front of two instances (`scale-out.spec.ts`).
 */
import { expect, type BrowserContext } from '@playwright/test';
import { PATTERN_Y4M } from '../browser.ts';
import { FakeCamera } from './camera.ts';
import { captureCards, journeyCards } from './cards.ts';
import { passLiveness } from './face.ts';
import { installPuppet } from '../puppet.ts';
import { agentSignOff, agentWitness, reviewerApprove, type StaffLabels } from './staff.ts';
import { answer, expectStep, PHONE, walkTo, WIZARD_STEPS } from './walk.ts';
import { watchPrivacy } from '../privacy/watch.ts';
import { expectConnected } from '../witness-call.ts';

export const RUNS = [
	{
		locale: 'zh-CN',
		approved: '开户成功',
		usePhoto: '使用此照片',
		bookNow: '立即见证',
		staff: { username: '用户名', password: '密码', login: '登录', take: '接起' }
	},
	{
		locale: 'en',
		approved: 'Account opened',
		usePhoto: 'Use this photo',
		bookNow: 'Start now',
		staff: { username: 'Username', password: 'Password', login: 'Log in', take: 'Take' }
	}
] as const satisfies readonly {
	locale: string;
	approved: string;
	usePhoto: string;
	bookNow: string;
	staff: StaffLabels;
}[];

export type JourneyRun = (typeof RUNS)[number];

/**
 * Walks the whole journey for `run` against `baseURL`: cards, liveness, witness call with the
 * agent, reviewer approval, and the account number on the customer's status page. Returns the
 * witness booking's id.
 */
export async function runJourney(run: JourneyRun, baseURL: string): Promise<string> {
	const camera = new FakeCamera(PATTERN_Y4M);
	const browser = await camera.launch();
	// Privacy (issue 9): every context's requests recorded, device storage scanned at close,
	// the server log grepped for this person.
	const { identity: id } = journeyCards()['id-front'];
	const bankCard = journeyCards().bank.identity.cardNumber;
	const who = {
		name: id.name,
		idNumber: id.idNumber,
		address: id.address,
		phone: PHONE,
		bankCard
	};
	const privacy = await watchPrivacy(browser, who, baseURL);
	const contexts: BrowserContext[] = [];
	const context = async (puppet = false) => {
		const ctx = await browser.newContext({ baseURL, locale: run.locale });
		// The customer's liveness check sees the puppet actor, which reacts to its prompts.
		if (puppet) await installPuppet(ctx);
		contexts.push(ctx);
		return ctx.newPage();
	};
	let bookingId = '';
	try {
		const customer = await context(true);
		await customer.goto('/open');
		await expect(customer.locator('html')).toHaveAttribute('lang', run.locale);

		// Resumable: answers survive a reload, and the wizard reopens at the first open step.
		await walkTo(customer, 'id');
		await customer.reload();
		await expectStep(customer, 'id');

		// ID card: both sides and the bank card through the camera; the wizard shows what OCR
		// read for the customer to confirm.
		const person = await captureCards(customer, camera, run.usePhoto);
		await expect(customer.getByTestId('id-name')).toHaveValue(person.name);
		await expect(customer.getByTestId('id-number')).toHaveValue(person.idNumber);
		await expect(customer.getByTestId('id-valid-from')).toHaveValue(person.validFrom);
		await expect(customer.getByTestId('id-address')).toHaveValue(person.address);
		await customer.getByTestId('next').click();

		// Liveness with the face actor (the person on the card).
		const live = await passLiveness(customer, baseURL);
		console.log(`${run.locale} liveness ${live.attempts.join('; ')}`);
		await answer(customer, 'registry');
		// The bank card number comes from the photographed card.
		await expectStep(customer, 'bank');
		await expect(customer.getByTestId('bank-number')).toHaveValue(journeyCards().bank.identity.cardNumber); // prettier-ignore
		await customer.getByTestId('next').click();
		for (const step of WIZARD_STEPS.slice(WIZARD_STEPS.indexOf('kyc'), -1))
			await answer(customer, step);

		await expectStep(customer, 'status');
		const status = customer.getByTestId('status');
		await expect(status).toHaveAttribute('data-state', 'witness_pending', { timeout: 30_000 });

		// The customer books the witness from the status page and waits in the queue.
		const join = customer.getByTestId('join-witness');
		const appId = new URLSearchParams((await join.getAttribute('href'))?.split('#')[1]).get('app');
		expect(appId).toMatch(/^[0-9a-f-]{36}$/);
		await join.click();
		await customer.getByRole('button', { name: run.bookNow }).click();
		await expect(customer).toHaveURL(/\/witness\/[a-f0-9]{24}$/);
		bookingId = customer.url().split('/').pop() ?? '';

		// The agent (a second context) takes the call in the console and approves the witness.
		const agent = await context();
		await agentWitness(agent, bookingId, run.staff, person);
		await expectConnected(customer);
		await agentSignOff(agent);

		// The reviewer approves in the review console.
		const reviewer = await context();
		const account = await reviewerApprove(reviewer, appId!, run.staff);
		expect(account).toMatch(/^\d{16,19}$/);

		// The customer comes back to the wizard: the status page shows the new account.
		await customer.goto('/open');
		await expectStep(customer, 'status');
		await expect(customer.getByTestId('approved')).toContainText(run.approved, { timeout: 20_000 }); // prettier-ignore
		await expect(customer.getByTestId('account-number')).toHaveText(account!);

		for (const ctx of contexts.splice(0)) await ctx.close();
		await privacy.verify();
	} finally {
		for (const ctx of contexts) await ctx.close();
		await browser.close();
		camera.dispose();
	}
	return bookingId;
}
