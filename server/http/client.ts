import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';

/** The built SPA: its fallback page and the hashes of the inline scripts that page needs. */
export interface ClientBuild {
	dir: string;
	indexHtml: string;
	scriptHashes: string[];
}

/**
 * Loads the adapter-static output. SvelteKit's fallback page boots with one inline module script;
 * rather than allowing `'unsafe-inline'`, the server allows exactly the hashes found in the built HTML.
 * Returns `null` when the client has not been built (API-only use, e.g. server tests).
 */
export async function loadClientBuild(dir: string): Promise<ClientBuild | null> {
	let indexHtml: string;
	try {
		indexHtml = await readFile(join(dir, 'index.html'), 'utf8');
	} catch {
		return null;
	}
	return { dir, indexHtml, scriptHashes: inlineScriptHashes(indexHtml) };
}

/** `sha256-<base64>` for each inline `<script>` body in `html`. */
export function inlineScriptHashes(html: string): string[] {
	const hashes: string[] = [];
	for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
		hashes.push(
			'sha256-' +
				createHash('sha256')
					.update(m[1] ?? '')
					.digest('base64')
		);
	}
	return hashes;
}

function cacheControl(path: string): string {
	if (path.startsWith('/_app/immutable/')) return 'public, max-age=31536000, immutable';
	// Models and wasm keep their names across versions; the service worker versions them by the
	// manifest, so the HTTP cache only needs to avoid re-downloading within a day.
	if (path.startsWith('/models/') || path.startsWith('/wasm/')) return 'public, max-age=86400';
	return 'no-cache';
}

/** Mounts static files and the SPA fallback (any other GET that is not `/api/…`). */
export function mountClient(app: Hono, client: ClientBuild): void {
	app.use('*', async (c, next) => {
		await next();
		if (c.res.ok && !c.req.path.startsWith('/api/') && !c.res.headers.has('cache-control')) {
			c.res.headers.set('Cache-Control', cacheControl(c.req.path));
		}
	});
	// Serves f.br / f.gz when the browser accepts them (scripts/compress.ts writes them).
	app.use('*', serveStatic({ root: client.dir, precompressed: true }));
	app.get('*', (c, next) => {
		if (c.req.path.startsWith('/api/')) return next();
		return c.html(client.indexHtml);
	});
}
