/**
 * The production {@link FaceComparator}: decode both photos, find the face (BlazeFace), judge its
 * quality, align it with the ArcFace template and embed it with the client's model (faceres) on
 * onnxruntime-node. "No face detected" and "photo quality too poor" come from this analysis.
 */
import type { FaceComparator, FaceComparison } from '../registry/face.ts';
import type { RgbaImage } from '../../src/lib/vision/face/align.ts';
import { cosineSimilarity, FACE_MATCH_THRESHOLD } from '../../src/lib/vision/face/similarity.ts';
import { decodePhoto } from './decode.ts';
import { FaceDetector, type DetectedFace } from './detector.ts';
import { FaceEmbedder } from './embedder.ts';
import { faceQuality } from './quality.ts';

/** Detector confidence at or above which a face counts as found. */
export const MIN_DETECTION_SCORE = 0.6;

type Analysed =
	| { kind: 'face'; image: RgbaImage; face: DetectedFace }
	| { kind: 'no_face' }
	| { kind: 'poor_quality' };

export class OnnxFaceComparator implements FaceComparator {
	readonly threshold = FACE_MATCH_THRESHOLD;

	constructor(
		private readonly detector: FaceDetector,
		private readonly embedder: FaceEmbedder
	) {}

	/** Loads both models (about 0.5 s); keep one instance per process. */
	static async open(): Promise<OnnxFaceComparator> {
		const [detector, embedder] = await Promise.all([FaceDetector.open(), FaceEmbedder.open()]);
		return new OnnxFaceComparator(detector, embedder);
	}

	/** Finds the main (most confident) face of a photo and checks it is usable. */
	async analyse(bytes: Uint8Array): Promise<Analysed> {
		const decoded = decodePhoto(bytes);
		if (!decoded.ok) return { kind: 'poor_quality' };
		const { image } = decoded;
		if (Math.min(image.width, image.height) < 48) return { kind: 'poor_quality' };
		const [face] = await this.detector.detect(image, MIN_DETECTION_SCORE);
		if (!face) return { kind: 'no_face' };
		if (faceQuality(image, face.five).problem) return { kind: 'poor_quality' };
		return { kind: 'face', image, face };
	}

	async compare(live: Uint8Array, portrait: Uint8Array): Promise<FaceComparison> {
		const a = await this.analyse(live);
		if (a.kind !== 'face') return { kind: a.kind };
		const b = await this.analyse(portrait);
		if (b.kind !== 'face') return { kind: b.kind };
		const score = cosineSimilarity(
			await this.embedder.embed(a.image, a.face.five),
			await this.embedder.embed(b.image, b.face.five)
		);
		return { kind: 'score', score };
	}

	async close(): Promise<void> {
		await Promise.all([this.detector.close(), this.embedder.close()]);
	}
}

let shared: Promise<OnnxFaceComparator> | undefined;
/** The process-wide comparator (models load once; a failed load is retried on the next call). */
export function sharedFaceComparator(): Promise<OnnxFaceComparator> {
	shared ??= OnnxFaceComparator.open().catch((err: unknown) => {
		shared = undefined;
		throw err;
	});
	return shared;
}
