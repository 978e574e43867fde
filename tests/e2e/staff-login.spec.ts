import { expect, test } from '@playwright/test';

test.use({ locale: 'zh-CN' });

/** The staff login page: a wrong password is explained; the right one goes to `?next=`. */
test('staff login page signs a reviewer in and returns to the requested page', async ({ page }) => {
	await page.goto('/staff/login?next=%2Foutbox');
	await expect(page.getByRole('heading', { name: '员工登录' })).toBeVisible();
	await page.getByLabel('用户名').fill('reviewer');
	await page.getByLabel('密码').fill('not-the-password');
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page.getByRole('alert')).toContainText('请先登录');

	await page.getByLabel('密码').fill('e2e-demo-password');
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page).toHaveURL(/\/outbox$/);

	// A foreign ?next= is not followed; the session is remembered across page loads.
	await page.goto('/staff/login?next=%2F%2Fevil.example');
	await expect(page.getByText('已登录：reviewer（审核员）')).toBeVisible();
	await expect(page.getByRole('link', { name: '进入工作台' })).toHaveAttribute('href', '/review');
	await page.getByRole('button', { name: '换一个账号登录' }).click();
	await expect(page.getByLabel('用户名')).toBeVisible();
	expect(await page.evaluate(() => fetch('/api/auth/me').then((r) => r.status))).toBe(401);
});
