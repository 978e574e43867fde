/**
 * `npm run dev`: the Hono API on :8787 (with the SQLite file under data/) and Vite on :5173 with
 * `/api` proxied to it. Ctrl-C stops both.
 */
import { spawn } from 'node:child_process';

const api = spawn('npx', ['tsx', 'watch', 'server/index.ts'], {
	stdio: 'inherit',
	env: { ...process.env, PORT: '8787', CLIENT_DIR: '.no-client-in-dev' }
});
const vite = spawn('npx', ['vite', 'dev', '--host', '127.0.0.1'], { stdio: 'inherit' });

const stop = () => {
	api.kill('SIGTERM');
	vite.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
process.on('exit', stop);
vite.on('exit', (code) => {
	api.kill('SIGTERM');
	process.exit(code ?? 0);
});
