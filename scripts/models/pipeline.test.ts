import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Manifest } from './manifest.ts';
import { ModelPipelineError, runPipeline } from './pipeline.ts';
import { SOURCES, type AssetSource } from './sources.ts';

const REPO = resolve(import.meta.dirname, '../..');

let root: string;
const source: AssetSource = {
	id: 'tiny-model',
	pkg: 'fake-models',
	from: 'model.onnx',
	to: 'static/models/tiny/model.onnx',
	purpose: 'test'
};

function installPackage(version: string, content: string): void {
	const dir = join(root, 'node_modules', 'fake-models');
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'fake-models', version }));
	writeFileSync(join(dir, 'model.onnx'), content);
}

beforeEach(() => {
	root = mkdtempSync(join(tmpdir(), 'kaihu-models-'));
	mkdirSync(join(root, 'static/models'), { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('model pipeline', () => {
	it('writes a manifest with id, version, source, bytes and sha256, and is idempotent', async () => {
		installPackage('1.0.0', 'weights');
		await runPipeline({ root, sources: [source], update: true });
		const manifest = JSON.parse(
			readFileSync(join(root, 'static/models/manifest.json'), 'utf8')
		) as Manifest;
		expect(manifest.assets).toEqual([
			{
				id: 'tiny-model',
				version: '1.0.0',
				source: 'fake-models',
				path: '/models/tiny/model.onnx',
				bytes: 7,
				sha256: '9a129038d9a00aed0cf6a7ea059ca50a813449061ab87848cf1a13eafdf33b2c', // sha256("weights")
				purpose: 'test'
			}
		]);
		const again = await runPipeline({ root, sources: [source] });
		expect(again.copied).toBe(0);
	});

	it('fails loudly when the package content no longer matches the manifest', async () => {
		installPackage('1.0.0', 'weights');
		await runPipeline({ root, sources: [source], update: true });
		rmSync(join(root, 'static/models/tiny'), { recursive: true });
		installPackage('1.0.0', 'tampered');
		await expect(runPipeline({ root, sources: [source] })).rejects.toThrow(/sha256 mismatch/);
		// The unverified file is not left where the app would serve it.
		expect(() => readFileSync(join(root, 'static/models/tiny/model.onnx'))).toThrow();
	});

	it('fails on a version drift and on an asset missing from the manifest', async () => {
		installPackage('1.0.0', 'weights');
		await runPipeline({ root, sources: [source], update: true });
		installPackage('1.0.1', 'weights');
		await expect(runPipeline({ root, sources: [source] })).rejects.toThrow(/pins 1\.0\.0/);
		await expect(
			runPipeline({ root, sources: [{ ...source, id: 'other' }] })
		).rejects.toBeInstanceOf(ModelPipelineError);
	});
});

describe('conversion step', () => {
	const converted: AssetSource = {
		...source,
		id: 'converted',
		to: 'static/models/tiny/converted.bin',
		convert: async (dir) =>
			new TextEncoder().encode(readFileSync(join(dir, 'model.onnx'), 'utf8').toUpperCase())
	};

	it('writes the converter output, verifies it by sha256 and skips a verified file', async () => {
		installPackage('1.0.0', 'weights');
		await runPipeline({ root, sources: [converted], update: true });
		expect(readFileSync(join(root, converted.to), 'utf8')).toBe('WEIGHTS');
		expect((await runPipeline({ root, sources: [converted] })).copied).toBe(0);
		installPackage('1.0.0', 'changed');
		rmSync(join(root, converted.to));
		await expect(runPipeline({ root, sources: [converted] })).rejects.toThrow(
			/sha256 mismatch converted from/
		);
	});
});

describe('the committed manifest', () => {
	const manifest = JSON.parse(
		readFileSync(join(REPO, 'static/models/manifest.json'), 'utf8')
	) as Manifest;

	it('lists every asset source with a sha256', () => {
		expect(manifest.assets.map((a) => a.id).sort()).toEqual(SOURCES.map((s) => s.id).sort());
		for (const a of manifest.assets) expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
	});

	it('no model or wasm binary is tracked by git', () => {
		let files: string[];
		try {
			files = execFileSync('git', ['ls-files'], { cwd: REPO, encoding: 'utf8' }).split('\n');
		} catch {
			return; // not a git checkout (e.g. an npm tarball): nothing to check
		}
		expect(files.filter((f) => /\.(onnx|tflite|task|wasm|binarypb|traineddata)$/.test(f))).toEqual(
			[]
		);
	});
});
