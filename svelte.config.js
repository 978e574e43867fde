import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		// A static SPA: the Hono server serves `build/` and falls back to index.html for client routes.
		adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: true })
	}
};

export default config;
