import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { buildCsp, securityHeaders } from './server/security/csp.ts';

/**
 * Dev and preview send the same isolation and CSP headers as the production server: COOP/COEP give
 * `crossOriginIsolated` (SharedArrayBuffer → WASM threads for onnxruntime-web and MediaPipe), and
 * `connect-src 'self'` blocks third-party requests such as MediaPipe's usage logging.
 * Dev adds `'unsafe-inline'` scripts for Vite's HMR preamble only.
 */
const API_TARGET = process.env.KAIHU_API ?? 'http://127.0.0.1:8787';

export default defineConfig({
	plugins: [sveltekit()],
	server: {
		headers: securityHeaders(buildCsp({ dev: true })),
		proxy: { '/api': { target: API_TARGET, ws: true } }
	},
	preview: {
		headers: securityHeaders(buildCsp({ dev: true })),
		proxy: { '/api': { target: API_TARGET, ws: true } }
	},
	worker: { format: 'es' },
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/fixtures/**/*.test.ts'],
					environment: 'node'
				}
			},
			{
				test: {
					name: 'server',
					include: ['server/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['tests/setup/postgres.ts'],
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			}
		]
	}
});
