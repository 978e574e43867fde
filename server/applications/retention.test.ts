import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../storage/index.ts';
import { backends } from '../storage/test-databases.ts';
import { harness, type Harness } from '../testing/harness.ts';

describe.each(backends())('retention on $kind', ({ open }) => {
	let storage: Storage;
	let h: Harness;
	let clock = Date.now();
	beforeAll(async () => {
		storage = await open();
		h = await harness(storage, { now: () => new Date(clock) });
	});
	afterAll(async () => storage.close());

	it('purges face media N days after the decision, keeping hashes, the form and the decision', async () => {
		const a = await h.newApplication();
		await h.customerCall(a.token, 'POST', `/api/applications/${a.id}/submit`, h.submission(0), {
			'idempotency-key': 'retain-1'
		});
		await h.drain();
		await storage.db
			.insertInto('app_files')
			.values({
				id: crypto.randomUUID(),
				application_id: a.id,
				kind: 'face_image',
				sha256: 'f'.repeat(64),
				data: h.cipher.encrypt('jpeg'),
				created_at: new Date(clock).toISOString(),
				purged_at: null
			})
			.execute();
		const reviewer = await h.login('reviewer1');
		await h.staffCall(reviewer, 'POST', `/api/staff/applications/${a.id}/decision`, {
			decision: 'reject',
			reason: 'test'
		});
		let admin = await h.login('admin1');
		const purge = () => h.staffCall(admin, 'POST', '/api/admin/retention/purge', { days: 30 });
		expect(await (await purge()).json()).toEqual({ files: 0, applications: 0 });
		clock += 31 * 86_400_000;
		// The 8-hour staff session has expired meanwhile.
		expect((await purge()).status).toBe(401);
		admin = await h.login('admin1');
		expect(await (await purge()).json()).toEqual({ files: 1, applications: 1 });
		expect(await (await purge()).json()).toEqual({ files: 0, applications: 0 });
		const files = await storage.db
			.selectFrom('app_files')
			.selectAll()
			.where('application_id', '=', a.id)
			.execute();
		const face = files.find((f) => f.kind === 'face_image');
		expect(face?.data).toBeNull();
		expect(face?.sha256).toBe('f'.repeat(64));
		expect(files.find((f) => f.kind === 'form_pdf')?.data).toBeTruthy();
		const app = await storage.db
			.selectFrom('applications')
			.select(['state', 'reason'])
			.where('id', '=', a.id)
			.executeTakeFirstOrThrow();
		expect(app).toEqual({ state: 'rejected', reason: 'test' });
	});
});
