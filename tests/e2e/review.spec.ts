import { expect, test, type APIRequestContext } from '@playwright/test';
import { cardCitizen } from '../../server/registry/demo-citizens.ts';
import { submissionFor, TINY_PNG_BASE64 } from '../../server/testing/submission.ts';
import { expectSettled } from './settled.ts';

test.use({ locale: 'zh-CN' });

/** A 1×1 PNG: a live photo with no face in it, so the server cannot vouch for the person. */
const NO_FACE_PNG = TINY_PNG_BASE64;

/** A customer submits through the API; the face check sends the application to manual review. */
async function manualReviewApplication(request: APIRequestContext) {
	const created = await request.post('/api/applications');
	expect(created.status()).toBe(201);
	const { id, token } = (await created.json()) as { id: string; token: string };
	// The person on the e2e card clip (card set 21, tests/e2e/global-setup.ts).
	const citizen = cardCitizen(21_000);
	const submitted = await request.post(`/api/applications/${id}/submit`, {
		headers: { authorization: `Bearer ${token}`, 'idempotency-key': `e2e-review-${id}` },
		data: {
			...submissionFor(citizen, NO_FACE_PNG),
			livePhoto: NO_FACE_PNG,
			idPortrait: NO_FACE_PNG,
			faceScore: 0.91
		}
	});
	expect(submitted.status()).toBe(200);
	expect(await submitted.json()).toMatchObject({ state: 'submitted' });
	await expectSettled(request, { id, token }, 'manual_review');
	return { id, token, citizen };
}

test('a reviewer approves a manual-review application and the customer sees the account number', async ({
	page,
	request
}) => {
	const app = await manualReviewApplication(request);

	await page.goto('/review');
	await expect(page).toHaveURL(/\/staff\/login\?next=%2Freview$/);
	await page.getByLabel('用户名').fill('reviewer');
	await page.getByLabel('密码').fill('e2e-demo-password');
	await page.getByRole('button', { name: '登录' }).click();

	await expect(page.getByRole('heading', { name: '待审核申请' })).toBeVisible();
	const masked = [...app.citizen.name][0]!;
	await page
		.getByRole('listitem')
		.filter({ hasText: masked })
		.filter({ hasText: '人脸比对分偏低' })
		.getByRole('link', { name: /审核/ })
		.first()
		.click();

	await expect(page.getByRole('heading', { level: 1, name: app.citizen.name })).toBeVisible();
	await expect(page.getByText(app.citizen.idNumber)).toBeVisible();
	await expect(page.getByRole('img', { name: '现场人脸照片' })).toBeVisible();
	await expect(page.getByRole('img', { name: '身份证照片' })).toBeVisible();
	await expect(page.getByRole('link', { name: '申请表（PDF）' })).toBeVisible();
	await expect(page.getByText('91.0%')).toBeVisible();

	await page.getByLabel('批准开户').check();
	await page.getByRole('button', { name: '提交决定' }).click();
	const outcome = page.getByRole('status').filter({ hasText: '已批准' });
	await expect(outcome).toBeVisible();
	const shown = (await outcome.textContent())?.match(/\d{16,19}/)?.[0];

	const status = await request.get(`/api/applications/${app.id}`, {
		headers: { authorization: `Bearer ${app.token}` }
	});
	const body = (await status.json()) as { state: string; account: { accountNumber: string } };
	expect(body.state).toBe('approved');
	expect(body.account.accountNumber).toBe(shown);
	await expect(page.getByRole('list').getByText('application.decide')).toBeVisible();
});
