/**
 * The e2e web server with its logs kept: runs `scripts/start.ts` as a child process and appends
 * everything it writes to stdout and stderr to `KAIHU_E2E_SERVER_LOG` (as well as passing it on),
 * so a test can grep what the server logged during a journey (`server-log.ts`). Capturing at the
 * process boundary sees every line, including ones that bypass `console` (crash traces).
 *
 * Playwright stops the web server by killing its process group, which ends the child too.
 */
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';

const log = process.env.KAIHU_E2E_SERVER_LOG;
if (!log) throw new Error('KAIHU_E2E_SERVER_LOG is not set');
const root = join(import.meta.dirname, '..', '..', '..');

const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'start.ts')], {
	cwd: root,
	stdio: ['ignore', 'pipe', 'pipe']
});
// Synchronous appends, in arrival order; `server-log.ts` settles on a marker request before reading.
child.stdout.on('data', (d: Buffer) => {
	appendFileSync(log, d);
	process.stdout.write(d);
});
child.stderr.on('data', (d: Buffer) => {
	appendFileSync(log, d);
	process.stderr.write(d);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
