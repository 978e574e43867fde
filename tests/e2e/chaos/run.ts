/**
 * The chaos run of `chaos.spec.ts` against any target: one server it kills and restarts, or two
 * instances behind a round-robin proxy (`scale-out.spec.ts`) of which it kills one at a time.
 */
import { createHash, randomBytes } from 'node:crypto';
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { rawDevice, type ServerRecord } from '../outbox-db.ts';

export const CYCLES = Number(process.env.KAIHU_CHAOS_CYCLES ?? 50);
export const SEED = Number(process.env.KAIHU_CHAOS_SEED ?? Date.now() % 1_000_000);
/** Upload throttled so the chaos lands mid-upload instead of after it (bytes per second). */
const UPLOAD_BPS = 4 * 1024 * 1024;
const RECORDING_BYTES = 20 * 1024 * 1024;

function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = Math.imul(a ^ (a >>> 15), a | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Where the chaos runs and how the test reads what the server side stored. */
export interface ChaosTarget {
	origin: string;
	/** Kills a server abruptly (SIGKILL) and starts it again; `rand` picks which when several. */
	crash(rand: () => number): Promise<void>;
	crashes(): number;
	records(): Promise<ServerRecord[]>;
	storedBlobSha(sha256: string): Promise<string | null>;
}

/** The whole chaos run on an open `page`: queue, {@link CYCLES} cycles of chaos, settle, verify. */
export async function runChaos(
	page: Page,
	context: BrowserContext,
	target: ChaosTarget
): Promise<void> {
	console.log(`chaos seed ${SEED}, ${CYCLES} cycles`);
	const rand = rng(SEED);

	await page.goto(`${target.origin}/outbox`);
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	const network = (offline: boolean, throttled = true) =>
		cdp.send('Network.emulateNetworkConditions', {
			offline,
			latency: 0,
			downloadThroughput: -1,
			uploadThroughput: throttled ? UPLOAD_BPS : -1
		});

	// Queue both records offline, so every byte goes up under chaos.
	await network(true);
	const files = [
		{ name: 'witness.webm', mimeType: 'video/webm', buffer: randomBytes(RECORDING_BYTES) },
		{ name: 'id-card.jpg', mimeType: 'image/jpeg', buffer: randomBytes(400_000) },
		// Captured halfway through the chaos, while uploads are being cut.
		{ name: 'bank-card.jpg', mimeType: 'image/jpeg', buffer: randomBytes(1_500_000) }
	];
	const queue = async (i: number) => {
		const file = files[i]!;
		await page.getByLabel('姓名').fill(`客户${i}`);
		await page.getByLabel('证件号码').fill(`11010519491231002${i}`);
		await page.getByLabel('证件照片或录像').setInputFiles(file);
		await page.getByRole('button', { name: /提交/ }).click();
		await expect(page.getByTestId('outbox-row')).toHaveCount(i + 1, { timeout: 20_000 });
	};
	await queue(0);
	await queue(1);
	const rows = page.getByTestId('outbox-row');
	await network(false);

	const started = Date.now();
	let cuts = 0;
	let midUpload = 0;
	let reloads = 0;
	let reloadsMidUpload = 0;
	const uploading = async () =>
		(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))).includes(
			'uploading'
		);
	// Time per block of cycles: a run that slows down as cycles accumulate (a leak) shows here.
	let blockStarted = started;
	type Fault = 'reload' | 'restart' | 'cut' | 'idle';
	const fresh = (): Record<Fault, { n: number; ms: number }> => ({ reload: { n: 0, ms: 0 }, restart: { n: 0, ms: 0 }, cut: { n: 0, ms: 0 }, idle: { n: 0, ms: 0 } }); // prettier-ignore
	let spent = fresh();
	let opStarted = started;
	const took = (k: Fault) => {
		spent[k].n++;
		spent[k].ms += Date.now() - opStarted;
	};
	for (let cycle = 0; cycle < CYCLES; cycle++) {
		if (cycle > 0 && cycle % 25 === 0) {
			const avg = (k: Fault) => (spent[k].n ? `${spent[k].n}× ${Math.round(spent[k].ms / spent[k].n)} ms` : '0×'); // prettier-ignore
			console.log(`chaos: cycles ${cycle - 25}-${cycle - 1}: ${(Date.now() - blockStarted) / 25} ms per cycle (reload ${avg('reload')}, kill+restart ${avg('restart')}, cut ${avg('cut')}, idle ${avg('idle')})`); // prettier-ignore
			blockStarted = Date.now();
			spent = fresh();
		}
		opStarted = Date.now();
		if (cycle === Math.floor(CYCLES / 2)) await queue(2);
		const inFlight = await uploading();
		if (inFlight) midUpload++;
		const r = rand();
		// The first upload caught in flight is reloaded for sure; later reloads land at random.
		if ((inFlight && reloadsMidUpload === 0) || (r >= 0.75 && r < 0.87)) {
			if (await uploading()) reloadsMidUpload++;
			await page.reload();
			reloads++;
			took('reload');
		} else if (r < 0.45) {
			await network(true);
			cuts++;
			await sleep(30 + rand() * 250);
			await network(false);
			took('cut');
		} else if (r < 0.75) {
			await target.crash(rand);
			took('restart');
		} else {
			await sleep(50 + rand() * 300);
			took('idle');
		}
	}
	if (reloadsMidUpload === 0) {
		// No upload was in flight at any cycle start: queue one more and reload while it uploads.
		files.push({ name: 'extra.webm', mimeType: 'video/webm', buffer: randomBytes(8_000_000) });
		await queue(3);
		await network(true);
		await network(false); // going online makes waiting records due at once
		await expect.poll(uploading, { timeout: 30_000 }).toBe(true);
		await page.reload();
		reloads++;
		reloadsMidUpload++;
	}
	const chaosMs = Date.now() - started;
	const ids = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));

	// Settle: a healthy server and network; going online makes waiting records due at once.
	await network(true, false);
	await network(false, false);
	await expect(rows.and(page.locator('[data-state="sent"]'))).toHaveCount(files.length, {
		timeout: 60_000
	});
	console.log(
		`chaos: ${CYCLES} cycles in ${(chaosMs / 1000).toFixed(1)} s, ${cuts} network cuts, ` +
			`${target.crashes()} server kills, ${reloads} reloads (${reloadsMidUpload} mid-upload), ` +
			`${midUpload} cycles caught an upload in flight, ` +
			`all sent ${((Date.now() - started) / 1000).toFixed(1)} s after chaos began`
	);

	const records = await target.records();
	expect(records.map((r) => r.id).sort()).toEqual([...ids].sort());
	for (const [i, file] of files.entries()) {
		const rec = records.find((r) => r.payload.name === `客户${i}`);
		expect(rec?.blobs).toEqual([
			expect.objectContaining({ sha256: sha(file.buffer), bytes: file.buffer.byteLength })
		]);
		expect(await target.storedBlobSha(sha(file.buffer))).toBe(sha(file.buffer));
	}
	const device = await rawDevice(page);
	expect(device.chunks).toBe(0);
	expect(device.outbox.every((r) => r.state === 'sent' && !r.hasPayload)).toBe(true);
	expect(target.crashes()).toBeGreaterThan(0);
	expect(reloadsMidUpload).toBeGreaterThan(0);
}
