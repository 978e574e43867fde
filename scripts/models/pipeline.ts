import { copyFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { readManifest, sha256File, writeManifest, type ManifestEntry } from './manifest.ts';
import type { AssetSource } from './sources.ts';

export interface PipelineOptions {
	/** Repository root (holds node_modules/ and static/). */
	root: string;
	sources: readonly AssetSource[];
	/** Rewrite the manifest from what is installed instead of verifying against it. */
	update?: boolean;
}

export interface PipelineResult {
	entries: ManifestEntry[];
	/** Files copied or converted this run (0 on a second run: the pipeline is idempotent). */
	copied: number;
}

/** Thrown for any mismatch between installed packages, files and the committed manifest. */
export class ModelPipelineError extends Error {
	override name = 'ModelPipelineError';
}

async function packageVersion(
	root: string,
	pkg: string
): Promise<{ dir: string; version: string }> {
	const file = join(root, 'node_modules', pkg, 'package.json');
	try {
		const json = JSON.parse(await readFile(file, 'utf8')) as { version: string };
		return { dir: dirname(file), version: json.version };
	} catch {
		throw new ModelPipelineError(`${pkg} is not installed (run npm ci)`);
	}
}

async function exists(file: string): Promise<boolean> {
	return stat(file).then(
		() => true,
		() => false
	);
}

async function materialise(
	root: string,
	src: AssetSource,
	expected: ManifestEntry | undefined
): Promise<{ entry: ManifestEntry; copied: boolean }> {
	const { dir, version } = await packageVersion(root, src.pkg);
	const from = join(dir, src.from);
	const to = join(root, src.to);
	if (expected && expected.version !== version) {
		throw new ModelPipelineError(
			`${src.id}: ${src.pkg} is ${version} but the manifest pins ${expected.version} (run npm ci)`
		);
	}
	const want = expected?.sha256;
	let copied = false;
	if (!(want && (await exists(to)) && (await sha256File(to)) === want)) {
		await mkdir(dirname(to), { recursive: true });
		if (src.convert) await writeFile(to, await src.convert(dir));
		else await copyFile(from, to);
		copied = true;
	}
	const sha256 = await sha256File(to);
	if (want && sha256 !== want) {
		await rm(to, { force: true }); // never leave an unverified model where the app would serve it
		const how = src.convert ? 'converted from' : 'for';
		throw new ModelPipelineError(
			`${src.id}: sha256 mismatch ${how} ${relative(root, from)}\n  expected ${want}\n  got      ${sha256}`
		);
	}
	const { size } = await stat(to);
	const entry: ManifestEntry = {
		id: src.id,
		version,
		source: src.pkg,
		path: '/' + relative(join(root, 'static'), to).split('\\').join('/'),
		bytes: size,
		sha256,
		purpose: src.purpose
	};
	return { entry, copied };
}

/**
 * Copies every source into place and verifies it against `static/models/manifest.json`.
 * Throws {@link ModelPipelineError} on a missing entry, a version drift or a hash mismatch.
 */
export async function runPipeline({
	root,
	sources,
	update = false
}: PipelineOptions): Promise<PipelineResult> {
	const manifestFile = join(root, 'static/models/manifest.json');
	const manifest = await readManifest(manifestFile);
	const byId = new Map(manifest?.assets.map((a) => [a.id, a]) ?? []);
	const entries: ManifestEntry[] = [];
	let copied = 0;
	for (const src of sources) {
		const expected = update ? undefined : byId.get(src.id);
		if (!update && !expected) {
			throw new ModelPipelineError(
				`${src.id} is not in static/models/manifest.json (run: npm run models -- --update, then commit it)`
			);
		}
		const r = await materialise(root, src, expected);
		entries.push(r.entry);
		if (r.copied) copied++;
	}
	if (update) await writeManifest(manifestFile, entries);
	return { entries, copied };
}
