import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStorage } from '../storage/index.ts';
import { backends, freshStorages } from '../storage/test-databases.ts';
import { canonicalJson } from './canonical.ts';
import { appendAudit, rowHash, verifyAuditChain } from './log.ts';

describe('canonical JSON', () => {
	it('sorts keys recursively', () => {
		expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe(
			'{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}'
		);
	});
});

describe.each(backends())('audit chain on $kind', ({ open }) => {
	const fresh = freshStorages({ open });
	const entry = (i: number) => ({
		actor: 'staff:r1',
		action: 'application.decide',
		subject: `app-${i}`,
		detail: { decision: 'approve', i }
	});

	it('verifies an intact chain, including concurrent appends', async () => {
		const s = await fresh();
		expect(await verifyAuditChain(s.db)).toEqual({ ok: true, rows: 0 });
		await Promise.all(Array.from({ length: 10 }, (_, i) => appendAudit(s.db, entry(i))));
		expect(await verifyAuditChain(s.db)).toEqual({ ok: true, rows: 10 });
	});

	it('names the first edited row', async () => {
		const s = await fresh();
		for (let i = 0; i < 5; i++) await appendAudit(s.db, entry(i));
		await s.db
			.updateTable('audit_log')
			.set({ detail: '{"decision":"reject"}' })
			.where('seq', '=', 3)
			.execute();
		expect(await verifyAuditChain(s.db)).toMatchObject({ ok: false, badSeq: 3, problem: 'hash' });
	});

	it('detects a deleted row', async () => {
		const s = await fresh();
		for (let i = 0; i < 4; i++) await appendAudit(s.db, entry(i));
		await s.db.deleteFrom('audit_log').where('seq', '=', 2).execute();
		expect(await verifyAuditChain(s.db)).toMatchObject({ ok: false, badSeq: 2, problem: 'gap' });
	});

	it('detects an edited row whose own hash was recomputed (the next link breaks)', async () => {
		const s = await fresh();
		for (let i = 0; i < 4; i++) await appendAudit(s.db, entry(i));
		const row = await s.db
			.selectFrom('audit_log')
			.selectAll()
			.where('seq', '=', 2)
			.executeTakeFirstOrThrow();
		const { hash: _old, ...fields } = row;
		const forged = { ...fields, seq: Number(row.seq), actor: 'staff:someone-else' };
		await s.db
			.updateTable('audit_log')
			.set({ actor: forged.actor, hash: rowHash(forged) })
			.where('seq', '=', 2)
			.execute();
		expect(await verifyAuditChain(s.db)).toMatchObject({ ok: false, badSeq: 3, problem: 'link' });
	});
});

describe('npm run audit:verify', () => {
	it('exits 0 on an intact chain and 1 naming the edited row', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'kaihu-audit-'));
		try {
			const s = await openStorage({ dataDir: dir });
			for (let i = 0; i < 3; i++)
				await appendAudit(s.db, { actor: 'system', action: 'test', subject: String(i) });
			await s.close();
			const run = () =>
				spawnSync(process.execPath, ['--import', 'tsx', 'server/audit/verify-cli.ts'], {
					env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' },
					encoding: 'utf8'
				});
			const ok = run();
			expect(ok.status).toBe(0);
			expect(ok.stdout).toContain('3 rows');
			const s2 = await openStorage({ dataDir: dir });
			await s2.db
				.updateTable('audit_log')
				.set({ actor: 'staff:evil' })
				.where('seq', '=', 2)
				.execute();
			await s2.close();
			const bad = run();
			expect(bad.status).toBe(1);
			expect(bad.stderr).toContain('seq=2');
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
