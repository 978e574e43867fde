/**
 * Face comparison between a live photo and a registry portrait. The production implementation
 * (the client's ONNX embedding model on onnxruntime-node) is injected; tests inject a fake.
 */
export type FaceComparison =
	{ kind: 'score'; score: number } | { kind: 'no_face' } | { kind: 'poor_quality' };

export interface FaceComparator {
	compare(live: Uint8Array, portrait: Uint8Array): Promise<FaceComparison>;
	/** Similarity at or above which two faces are the same person. */
	readonly threshold: number;
}
