/**
 * The per-frame face measurement: the contract between the face tracker (MediaPipe
 * FaceLandmarker, `src/lib/vision/face/`) and the liveness engine (`src/lib/vision/liveness/`).
 * Pure data, worker-safe, structured-clonable; recorded sequences of it are the liveness
 * engine's unit-test fixtures.
 */

/** Head pose in degrees, camera-facing convention: yaw > 0 = the user turns to their left
 * (the face moves to the image's right in an unmirrored frame), pitch > 0 = chin up, roll > 0 =
 * head tilted towards the user's right shoulder. */
export interface HeadPose {
	yaw: number;
	pitch: number;
	roll: number;
}

/** One tracked face in one frame. */
export interface FaceObservation {
	/** Bounding box of the landmarks in frame pixels. */
	box: { x: number; y: number; width: number; height: number };
	pose: HeadPose;
	/** Eye aspect ratio per eye (≈ 0.25–0.35 open, < 0.15 closed); from landmarks. */
	eyeLeft: number;
	eyeRight: number;
	/** Mouth opening: inner-lip gap over mouth width (≈ 0 closed, > 0.35 wide open). */
	mouth: number;
	/** Five points (eyes, nose tip, mouth corners) in frame pixels, for aligned embedding crops. */
	fivePoints: [number, number][];
}

/** Everything measured in one analysed frame. */
export interface FaceMeasurement {
	/** Capture time of the frame in milliseconds (monotonic, e.g. `performance.now()` or video time). */
	t: number;
	frameWidth: number;
	frameHeight: number;
	/** Number of faces found (the tracker looks for up to 2 so a second face can be reported). */
	faceCount: number;
	/** The main (largest) face, absent when `faceCount === 0`. */
	face?: FaceObservation;
	/** Optional identity signal: cosine similarity of this frame's embedding to the check's first
	 * embedding (computed every few frames, absent otherwise). */
	identity?: number;
	/** Optional voice activity for the digits step: RMS level 0–1 of the microphone since the
	 * previous frame. */
	voice?: number;
}
