/**
 * Builds `face_landmarker.task` for `@mediapipe/tasks-vision` FaceLandmarker from the legacy
 * `@mediapipe/face_mesh` package, whose models tasks-vision rejects as shipped ("requires
 * specifying NormalizationOptions metadata"): adds TFLite Model Metadata to the face detector and
 * the landmark model, grows the landmark output to 478 points (`landmarks-478.ts`), and zips them
 * with the face-geometry metadata (head-pose matrix) as a `.task` bundle.
 *
 * A metadata-only landmark model fails silently (478 garbage points): the e2e regression test
 * `tests/e2e/face-landmarker-model.spec.ts` compares the bundle's landmarks with the legacy
 * solution's on a real photo.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { growLandmarks } from './landmarks-478.ts';
import { imageModelMetadata, type ImageModelMetadata } from './metadata.ts';
import { Table } from './table.ts';
import { editTflite } from './tflite-edit.ts';
import { storedZip } from './zip.ts';

const PACKED = 'face_mesh_solution_packed_assets.data';
const LOADER = 'face_mesh_solution_packed_assets_loader.js';
const LICENSE = 'Apache-2.0 (MediaPipe models from @mediapipe/face_mesh)';

/** The files packed in the legacy solution's asset blob, by base name. */
export async function packedAssets(pkgDir: string): Promise<Map<string, Uint8Array>> {
	const [data, loader] = await Promise.all([
		readFile(join(pkgDir, PACKED)),
		readFile(join(pkgDir, LOADER), 'utf8')
	]);
	const files = new Map<string, Uint8Array>();
	const re = /"filename":\s*"([^"]+)",\s*"start":\s*(\d+),\s*"end":\s*(\d+)/g;
	for (const [, name, start, end] of loader.matchAll(re))
		files.set(name!.split('/').pop()!, new Uint8Array(data.subarray(Number(start), Number(end))));
	return files;
}

function need(files: Map<string, Uint8Array>, name: string): Uint8Array {
	const f = files.get(name);
	if (!f) throw new Error(`${PACKED} has no ${name}`);
	return f;
}

function withMetadata(
	model: Uint8Array,
	meta: Omit<ImageModelMetadata, 'outputs' | 'author' | 'license'>
): Uint8Array {
	const graph = Table.root(model).tables(2)[0]!;
	const tensors = graph.tables(0);
	const outputs = graph.ints(2);
	const grow = meta.name === 'face_landmarks_detector';
	const landmarks = outputs.find((o) => tensors[o]?.ints(0).at(-1) === 468 * 3);
	if (grow && landmarks === undefined) throw new Error('landmark model has no 1404-value output');
	const edit = grow ? growLandmarks(tensors.length, landmarks!, outputs) : {};
	const names = outputs.map((o) => tensors[o]!.string(3) ?? `output_${o}`);
	const data = imageModelMetadata({ ...meta, outputs: names, author: 'Google (MediaPipe)', license: LICENSE }); // prettier-ignore
	return editTflite(model, { ...edit, metadata: [{ name: 'TFLITE_METADATA', data }] });
}

/** The FaceLandmarker `.task` bundle, built from the `@mediapipe/face_mesh` package in `pkgDir`. */
export async function convertFaceLandmarker(pkgDir: string): Promise<Uint8Array> {
	const files = await packedAssets(pkgDir);
	const detector = withMetadata(need(files, 'face_detection_short_range.tflite'), {
		name: 'face_detector',
		description: 'BlazeFace short range, 128x128',
		version: '1',
		mean: [127.5, 127.5, 127.5],
		std: [127.5, 127.5, 127.5],
		range: [-1, 1]
	});
	const landmarks = withMetadata(need(files, 'face_landmark.tflite'), {
		name: 'face_landmarks_detector',
		description: 'Face mesh, 468 points grown to 478 (468-477 are placeholders, no iris)',
		version: '1',
		mean: [0, 0, 0],
		std: [255, 255, 255],
		range: [0, 1]
	});
	return storedZip([
		['face_detector.tflite', detector],
		['face_landmarks_detector.tflite', landmarks],
		[
			'geometry_pipeline_metadata_landmarks.binarypb',
			need(files, 'geometry_pipeline_metadata_landmarks.binarypb')
		]
	]);
}
