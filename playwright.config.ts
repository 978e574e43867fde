import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { E2E_SIGNALLING_SECRET, launchOptions } from './tests/e2e/browser.ts';

const PORT = Number(process.env.KAIHU_E2E_PORT ?? 4317);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
// Where the web server's stdout/stderr go (tests/e2e/privacy/tee-server.ts); set once in the
// runner, inherited by the workers, so tests can grep the server's logs for PII.
process.env.KAIHU_E2E_SERVER_LOG ??= join(
	mkdtempSync(join(tmpdir(), 'kaihu-e2e-log-')),
	'server.log'
);

/**
 * End-to-end tests in Debian Chromium against the production build served by the real server
 * (`npm start`'s path: build if needed, then Hono on one port) with a throwaway data directory.
 */
export default defineConfig({
	testDir: 'tests/e2e',
	globalSetup: './tests/e2e/global-setup.ts',
	outputDir: 'test-results',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 60_000,
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		baseURL: BASE_URL,
		headless: true,
		launchOptions: launchOptions(),
		trace: 'retain-on-failure'
	},
	webServer: {
		command: 'npx tsx tests/e2e/privacy/tee-server.ts',
		url: `${BASE_URL}/api/health`,
		reuseExistingServer: false,
		timeout: 180_000,
		env: {
			PORT: String(PORT),
			HOST: '127.0.0.1',
			DATA_DIR: mkdtempSync(join(tmpdir(), 'kaihu-e2e-')),
			DATABASE_URL: '',
			// Known passwords for the demo staff accounts seeded on the empty database.
			KAIHU_DEMO_PASSWORD: 'e2e-demo-password',
			// The witness e2e issues call credentials with the same secret (tests/e2e/witness.spec.ts).
			SIGNALLING_SECRET: E2E_SIGNALLING_SECRET
		}
	}
});
