import { defineConfig } from '@playwright/test';
import base from './playwright.config.ts';

/** `npm run screenshots`: the same server and browser as the e2e tests, another test folder. */
export default defineConfig({ ...base, testDir: 'tests/screenshots', timeout: 180_000 });
