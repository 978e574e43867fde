import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';

/** One row of `static/models/manifest.json`. */
export interface ManifestEntry {
	id: string;
	/** Version of the source npm package (must match `package-lock.json`). */
	version: string;
	/** Source npm package. */
	source: string;
	/** Path served by the app, relative to the site root (e.g. `/models/ocr/x.onnx`). */
	path: string;
	bytes: number;
	sha256: string;
	purpose: string;
}

export interface Manifest {
	/** Bumped whenever any entry changes; the service worker versions its model cache by it. */
	version: string;
	assets: ManifestEntry[];
}

/** Streams a file through SHA-256 (model files are tens of MB). */
export function sha256File(file: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const hash = createHash('sha256');
		createReadStream(file)
			.on('data', (chunk) => hash.update(chunk))
			.on('error', reject)
			.on('end', () => resolve(hash.digest('hex')));
	});
}

export async function readManifest(file: string): Promise<Manifest | null> {
	try {
		return JSON.parse(await readFile(file, 'utf8')) as Manifest;
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw err;
	}
}

/** The cache version is derived from the content, so it changes exactly when an asset does. */
export function manifestVersion(assets: readonly ManifestEntry[]): string {
	const hash = createHash('sha256');
	for (const a of assets) hash.update(`${a.id}:${a.sha256}\n`);
	return hash.digest('hex').slice(0, 16);
}

export async function writeManifest(file: string, assets: ManifestEntry[]): Promise<void> {
	const manifest: Manifest = { version: manifestVersion(assets), assets };
	await writeFile(file, JSON.stringify(manifest, null, '\t') + '\n');
}
