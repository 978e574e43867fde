import { sveltekit } from '@sveltejs/kit/vite';
import { defaultClientConditions, type Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { buildCsp, securityHeaders } from './server/security/csp.ts';

/**
 * Dev and preview send the same isolation and CSP headers as the production server: COOP/COEP give
 * `crossOriginIsolated` (SharedArrayBuffer → WASM threads for onnxruntime-web and MediaPipe), and
 * `connect-src 'self'` blocks third-party requests such as MediaPipe's usage logging.
 * Dev adds `'unsafe-inline'` scripts for Vite's HMR preamble only.
 */
const API_TARGET = process.env.KAIHU_API ?? 'http://127.0.0.1:8787';
const HEADERS = securityHeaders(buildCsp({ dev: true }));

/**
 * `server.headers` does not reach the pages SvelteKit's dev middleware renders, so set the headers
 * in a middleware that runs before it (dev and preview).
 */
function isolationHeaders(): Plugin {
	type Res = { setHeader(k: string, v: string): void };
	const middleware = (_req: unknown, res: Res, next: () => void) => {
		for (const [k, v] of Object.entries(HEADERS)) res.setHeader(k, v);
		next();
	};
	// Block bodies on purpose: a function returned from configureServer would become a post-hook.
	return {
		name: 'kaihu-isolation-headers',
		configureServer(server) {
			server.middlewares.use(middleware as never);
		},
		configurePreviewServer(server) {
			server.middlewares.use(middleware as never);
		}
	};
}

export default defineConfig({
	plugins: [isolationHeaders(), sveltekit()],
	server: {
		proxy: { '/api': { target: API_TARGET, ws: true } }
	},
	preview: {
		proxy: { '/api': { target: API_TARGET, ws: true } }
	},
	// onnxruntime-web's default build references its 14 MB wasm with `new URL(…, import.meta.url)`,
	// so Vite would emit an unused copy: the wasm is self-hosted under /wasm/ort/ (`wasmPaths`).
	resolve: { conditions: [...defaultClientConditions, 'onnxruntime-web-use-extern-wasm'] },
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
