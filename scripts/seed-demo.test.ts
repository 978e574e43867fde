/**
 * The demo path a newcomer takes: `npm run seed:demo` prints the staff credentials once (a second
 * run prints none), the first `npm start` on an empty database does the same, the printed password
 * logs in, and the README's Demo section names every account.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_STAFF } from '../server/auth/demo-seed.ts';

const ROOT = resolve(import.meta.dirname, '..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function env(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const e: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', ...extra };
	delete e.KAIHU_DEMO_PASSWORD;
	return e;
}
const freshDir = () => {
	const d = mkdtempSync(join(tmpdir(), 'kaihu-demo-'));
	dirs.push(d);
	return d;
};
/** `role username: NAME password: PASSWORD` lines of the banner. */
const credentials = (out: string) =>
	[...out.matchAll(/username: (\S+)\s+password: (\S+)/g)].map((m) => ({
		username: m[1]!,
		password: m[2]!
	}));

async function freePort(): Promise<number> {
	return new Promise((ok) => {
		const s = createServer().listen(0, '127.0.0.1', () => {
			const { port } = s.address() as { port: number };
			s.close(() => ok(port));
		});
	});
}

describe('demo seed', () => {
	it('npm run seed:demo prints the credentials once', () => {
		const dir = freshDir();
		const run = () =>
			spawnSync(TSX, ['scripts/seed-demo.ts'], { cwd: ROOT, env: env(dir), encoding: 'utf8' });
		const first = run();
		expect(first.status).toBe(0);
		const creds = credentials(first.stdout);
		expect(creds.map((c) => c.username)).toEqual(DEMO_STAFF.map((s) => s.username));
		expect(new Set(creds.map((c) => c.password)).size).toBe(3);
		const second = run();
		expect(second.status).toBe(0);
		expect(credentials(second.stdout)).toEqual([]);
		expect(second.stdout).toContain('already exist');
	}, 60_000);

	it('the first start on an empty database seeds and prints a password that logs in', async () => {
		const dir = freshDir();
		const port = await freePort();
		const child = spawn(TSX, ['server/index.ts'], {
			cwd: ROOT,
			env: env(dir, { PORT: String(port), CLIENT_DIR: join(dir, 'no-build') })
		});
		let out = '';
		child.stdout.on('data', (b: Buffer) => (out += b.toString()));
		try {
			await new Promise<void>((ok, fail) => {
				const t = setTimeout(() => fail(new Error(`no start: ${out}`)), 45_000);
				child.stdout.on('data', () => {
					if (out.includes('"msg":"listening"')) {
						clearTimeout(t);
						ok();
					}
				});
			});
			const admin = credentials(out).find((c) => c.username === 'admin');
			expect(admin).toBeDefined();
			const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(admin)
			});
			expect(res.status).toBe(200);
			expect(out).toContain('seeded the embedded registry');
		} finally {
			child.kill('SIGTERM');
		}
	}, 60_000);

	it("the README's Demo section names every demo account and its role", () => {
		const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
		const demo = readme.slice(
			readme.indexOf('## Demo'),
			readme.indexOf('\n## ', readme.indexOf('## Demo') + 3)
		);
		for (const s of DEMO_STAFF)
			expect(demo).toMatch(new RegExp(`\\| \`${s.username}\`\\s+\\| ${s.role}`));
		expect(demo).toContain('npm run seed:demo');
	});
});
