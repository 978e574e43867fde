import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertFaceLandmarker, packedAssets } from './index.ts';
import { IRIS_PLACEHOLDERS } from './landmarks-478.ts';
import { Table } from './table.ts';

const PKG = join(resolve(import.meta.dirname, '../../../..'), 'node_modules/@mediapipe/face_mesh');

/** Reads the stored entries of a zip by walking its local headers. */
function unzip(zip: Uint8Array): Map<string, { data: Uint8Array; at: number }> {
	const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
	const out = new Map<string, { data: Uint8Array; at: number }>();
	for (let at = 0; v.getUint32(at, true) === 0x04034b50;) {
		const size = v.getUint32(at + 18, true);
		const nameLen = v.getUint16(at + 26, true);
		const extra = v.getUint16(at + 28, true);
		const name = new TextDecoder().decode(zip.subarray(at + 30, at + 30 + nameLen));
		const start = at + 30 + nameLen + extra;
		out.set(name, { data: zip.subarray(start, start + size), at: start });
		at = start + size;
	}
	return out;
}

function metadataOf(model: Uint8Array): Table {
	const root = Table.root(model);
	const entry = root.tables(6).find((m) => m.string(0) === 'TFLITE_METADATA');
	expect(entry).toBeDefined();
	const buffer = root.tables(4)[entry!.uint32(1)]!;
	const v = buffer.vector(0)!;
	const bytes = model.subarray(v.start, v.start + v.length);
	expect(new TextDecoder().decode(bytes.subarray(4, 8))).toBe('M001');
	return Table.root(bytes);
}

function normalization(model: Uint8Array): { mean: number[]; std: number[] } {
	const input = metadataOf(model).tables(3)[0]!.tables(2)[0]!;
	const unit = input.tables(4)[0]!;
	expect(unit.int8(0)).toBe(1); // NormalizationOptions
	const opts = new Table(unit.bb, unit.target(1)!);
	const floats = (i: number) => {
		const vec = opts.vector(i)!;
		return Array.from({ length: vec.length }, (_, k) => opts.bb.readFloat32(vec.start + 4 * k));
	};
	return { mean: floats(0), std: floats(1) };
}

describe('face_landmarker.task from @mediapipe/face_mesh', async () => {
	const task = await convertFaceLandmarker(PKG);
	const files = unzip(task);

	it('bundles the three files tasks-vision looks for, 64-byte aligned, deterministically', async () => {
		expect([...files.keys()]).toEqual([
			'face_detector.tflite',
			'face_landmarks_detector.tflite',
			'geometry_pipeline_metadata_landmarks.binarypb'
		]);
		for (const f of files.values()) expect(f.at % 64).toBe(0);
		const legacy = await packedAssets(PKG);
		expect(files.get('geometry_pipeline_metadata_landmarks.binarypb')!.data).toEqual(
			legacy.get('geometry_pipeline_metadata_landmarks.binarypb')
		);
		const again = await convertFaceLandmarker(PKG);
		expect(Buffer.from(again).equals(Buffer.from(task))).toBe(true);
	}, 30_000);

	it('gives each model NormalizationOptions: [-1, 1] for the detector, [0, 1] for landmarks', () => {
		const detector = files.get('face_detector.tflite')!.data;
		const landmarks = files.get('face_landmarks_detector.tflite')!.data;
		expect(normalization(detector)).toEqual({ mean: [127.5, 127.5, 127.5], std: [127.5, 127.5, 127.5] }); // prettier-ignore
		expect(normalization(landmarks)).toEqual({ mean: [0, 0, 0], std: [255, 255, 255] });
	});

	it('grows the landmark output to 478 points with SLICE + CONCATENATION, keeping the rest', async () => {
		const legacy = Table.root((await packedAssets(PKG)).get('face_landmark.tflite')!);
		const model = Table.root(files.get('face_landmarks_detector.tflite')!.data);
		const [graph, before] = [model.tables(2)[0]!, legacy.tables(2)[0]!];
		const tensors = graph.tables(0);
		const [landmarks, flag] = graph.ints(2);
		expect(tensors[landmarks!]!.ints(0)).toEqual([1, 1, 1, 478 * 3]);
		expect(tensors[flag!]!.string(3)).toBe(before.tables(0)[before.ints(2)[1]!]!.string(3));
		expect(graph.tables(3).length).toBe(before.tables(3).length + IRIS_PLACEHOLDERS.length + 1);
		const codes = model.tables(1).map((c) => Math.max(c.int8(0), c.int32(3)));
		const last = graph.tables(3).at(-1)!;
		expect(codes[last.uint32(0)]).toBe(2); // CONCATENATION
		expect(last.ints(2)).toEqual([landmarks]);
		// The original bytes are kept verbatim: constant buffers keep their alignment.
		const align = (m: Table) => m.tables(4).map((b) => (b.vector(0)?.start ?? 0) % 16);
		expect(align(model).slice(0, legacy.tables(4).length)).toEqual(align(legacy));
	});
});
