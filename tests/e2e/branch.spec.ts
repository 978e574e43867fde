import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { idCheckChar } from '../../src/lib/domain/id-number.ts';
import { CARD_PHOTO, ID_CARD_DIR } from './browser.ts';
import { freePort, OwnServer } from './own-server.ts';
import { rawDevice, serverRecords, utf8Latin1 } from './outbox-db.ts';
import { scanDeviceStorage } from './privacy/storage-scan.ts';

/**
 * Branch-staff mode on a tablet: staff logs in online once (the device is remembered), captures
 * three walk-in customers offline from generated ID card images, reloads offline, unlocks a new
 * tab offline with the remembered password, goes online and bulk-syncs: the server then holds
 * exactly those three records, and the tablet holds none of their data.
 */
test.use({ locale: 'zh-CN', viewport: { width: 1024, height: 768 } });

const PASSWORD = 'e2e-branch-password';
let server: OwnServer;

test.beforeAll(async () => {
	process.env.KAIHU_DEMO_PASSWORD = PASSWORD;
	server = new OwnServer(await freePort());
	await server.start();
});
test.afterAll(async () => {
	await server.kill();
});

const idNumber = (seq: number) => {
	const first17 = `1101051980010${seq}00${seq}`.slice(0, 17);
	return first17 + idCheckChar(first17);
};
const CUSTOMERS = [
	{ name: '陈一', idNumber: idNumber(1) },
	{ name: '林二', idNumber: idNumber(2) },
	{ name: '黄三', idNumber: idNumber(3) }
];
const FRONT = readFileSync(join(ID_CARD_DIR, 'id-front-phone-21000.jpg'));
const BACK = readFileSync(CARD_PHOTO);
/** Each customer's photos differ (a JPEG ignores bytes after its end marker). */
const image = (jpeg: Buffer, name: string) => ({
	name,
	mimeType: 'image/jpeg',
	buffer: Buffer.concat([jpeg, randomBytes(32)])
});

async function captureCustomer(page: Page, c: (typeof CUSTOMERS)[number]): Promise<void> {
	await page.getByRole('button', { name: '新客户' }).click();
	await expect(page.getByRole('heading', { name: '客户资料' })).toBeVisible();
	await page.getByLabel('姓名').fill(c.name);
	await page.getByLabel('身份证号码').fill(c.idNumber);
	await page.getByLabel('身份证人像面照片').setInputFiles(image(FRONT, 'front.jpg'));
	await page.getByLabel('身份证国徽面照片').setInputFiles(image(BACK, 'back.jpg'));
	await page.getByRole('button', { name: '完成并排队发送' }).click();
	await expect(page.getByRole('heading', { name: '网点采集' })).toBeVisible();
}

test('offline walk-ins: 3 captured, reload offline, unlock offline, expired sign-in renewed, bulk sync → exactly 3 on the server', async ({
	page,
	context
}) => {
	await page.goto(`${server.origin}/branch`);
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
	await page.getByLabel('用户名').fill('agent');
	await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page.getByTestId('branch-staff')).toContainText('agent');

	await context.setOffline(true);
	for (const c of CUSTOMERS) await captureCustomer(page, c);
	const rows = page.getByTestId('branch-customer');
	await expect(rows).toHaveCount(3);
	await expect(page.locator('[data-testid="branch-customer"][data-status="queued"]')).toHaveCount(
		3
	);

	await page.reload();
	await expect(page.getByTestId('branch-staff')).toContainText('agent');
	await expect(page.locator('[data-testid="branch-customer"][data-status="queued"]')).toHaveCount(
		3
	);
	for (const c of CUSTOMERS) await expect(rows.filter({ hasText: c.name })).toHaveCount(1);

	// A new tab, still offline: the remembered device unlocks with the password alone.
	const tab = await context.newPage();
	await tab.goto(`${server.origin}/branch`);
	await tab.getByLabel('密码', { exact: true }).fill('wrong password');
	await tab.getByRole('button', { name: '解锁' }).click();
	await expect(tab.getByTestId('branch-auth-error')).toContainText('密码不正确');
	await tab.getByLabel('密码', { exact: true }).fill(PASSWORD);
	await tab.getByRole('button', { name: '解锁' }).click();
	await expect(tab.locator('[data-testid="branch-customer"][data-status="queued"]')).toHaveCount(3);
	await tab.close();

	const raw = await rawDevice(page);
	expect(raw.outbox.filter((r) => r.state === 'queued')).toHaveLength(3);
	for (const c of CUSTOMERS) {
		expect(raw.dump).not.toContain(utf8Latin1(c.name));
		expect(raw.dump).not.toContain(c.idNumber);
	}
	// The whole device (every database, cache and web storage), not only the outbox tables.
	for (const c of CUSTOMERS) {
		const scan = await scanDeviceStorage(page, c);
		expect(scan.hits).toEqual([]);
		expect(scan.stats.records).toBeGreaterThan(0);
	}
	expect(serverRecords(server.dataDir)).toEqual([]);

	// Back online days later: the server session has expired (cookies gone). Sending is refused
	// (the server checks who captured each walk-in); the tablet says so and keeps every record.
	await context.clearCookies();
	await context.setOffline(false);
	const syncAll = page.getByRole('button', { name: '全部同步' });
	await expect(syncAll).toBeEnabled();
	await syncAll.click();
	const again = page.getByTestId('branch-sign-in-again');
	await expect(again).toContainText('登录已过期');
	expect(serverRecords(server.dataDir)).toEqual([]);
	// Unlocking online with the same password renews the session; then the bulk sync goes through.
	await again.getByRole('button', { name: '重新登录' }).click();
	await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
	await page.getByRole('button', { name: '解锁' }).click();
	await expect(page.getByTestId('branch-staff')).toContainText('agent');
	await expect(syncAll).toBeEnabled();
	await syncAll.click();
	const progress = page.getByTestId('bulk-progress');
	await expect(progress).toHaveAttribute('data-sent', '3', { timeout: 30_000 });
	await expect(progress).toHaveAttribute('data-total', '3');
	await expect(page.locator('[data-testid="branch-customer"][data-status="sent"]')).toHaveCount(3);

	const records = serverRecords(server.dataDir);
	expect(records).toHaveLength(3);
	expect(records.map((r) => r.kind)).toEqual(Array(3).fill('branch-walk-in'));
	expect(records.map((r) => r.payload.name).sort()).toEqual(CUSTOMERS.map((c) => c.name).sort());
	for (const r of records) {
		expect(r.payload).toMatchObject({ capturedBy: { username: 'agent' } });
		expect(r.blobs).toHaveLength(2);
	}
	// At rest on the server the payloads are sealed: no name or ID number in clear.
	for (const c of CUSTOMERS) {
		for (const r of records) {
			expect(r.stored).not.toContain(c.name);
			expect(r.stored).not.toContain(c.idNumber);
		}
	}
	const after = await rawDevice(page);
	expect(after.chunks).toBe(0);
	expect(after.outbox.every((r) => r.state === 'sent' && !r.hasPayload)).toBe(true);
});
