/**
 * `npm start`: builds the client when the sources changed since the last build, then runs the
 * server (client + API on one port, http://127.0.0.1:8080 unless PORT/HOST say otherwise).
 * `--build-only` stops after the build (`npm test` builds alongside its checks).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const STAMP = join(ROOT, 'build', '.source-stamp');
const INPUTS = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'];
const SKIP = new Set(['models', 'wasm']); // large and verified by the model pipeline instead

function walk(path: string, hash: ReturnType<typeof createHash>): void {
	if (!existsSync(path)) return;
	const st = statSync(path);
	if (st.isDirectory()) {
		for (const name of readdirSync(path).sort()) if (!SKIP.has(name)) walk(join(path, name), hash);
	} else {
		hash.update(`${relative(ROOT, path)}:${st.size}:${st.mtimeMs}\n`);
	}
}

function sourceStamp(): string {
	const hash = createHash('sha256');
	for (const input of INPUTS) walk(join(ROOT, input), hash);
	return hash.digest('hex');
}

const stamp = sourceStamp();
const built = existsSync(STAMP) ? readFileSync(STAMP, 'utf8') : '';
if (built !== stamp || !existsSync(join(ROOT, 'build', 'index.html'))) {
	console.log('building the client …');
	const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
	if (r.status !== 0) process.exit(r.status ?? 1);
	writeFileSync(STAMP, stamp);
}

if (!process.argv.includes('--build-only')) await import('../server/index.ts');
