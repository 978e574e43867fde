/**
 * The e2e server's captured output (`tee-server.ts` appends it to `KAIHU_E2E_SERVER_LOG`): a test
 * notes where the log ends, runs its journey, then reads what the server wrote meanwhile.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { expect } from '@playwright/test';

export function serverLogPath(): string {
	const path = process.env.KAIHU_E2E_SERVER_LOG;
	if (!path) throw new Error('KAIHU_E2E_SERVER_LOG is not set (playwright.config.ts sets it)');
	return path;
}

/** Bytes logged so far: where the next test's part of the log starts. */
export function serverLogOffset(): number {
	const path = serverLogPath();
	return existsSync(path) ? statSync(path).size : 0;
}

/** The request line of the marker (the request log never holds the concrete path). */
const MARKER_LINE = /"msg":"request","method":"DELETE","route":"[^"]*","status":404/g;

/**
 * What the server logged since `offset`. First settles: sends `DELETE` to an unknown API path and waits until
 * its request line shows up, so every line the journey caused before it has been written too.
 */
export async function serverLogSince(offset: number, baseURL: string): Promise<string> {
	const read = () => readFileSync(serverLogPath()).subarray(offset).toString('utf8');
	const before = read().match(MARKER_LINE)?.length ?? 0;
	const res = await fetch(`${baseURL}/api/privacy-log-settle`, { method: 'DELETE' });
	expect(res.status).toBe(404);
	await expect
		.poll(() => read().match(MARKER_LINE)?.length ?? 0, { timeout: 10_000 })
		.toBeGreaterThan(before);
	return read();
}
