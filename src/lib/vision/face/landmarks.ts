/**
 * Pure landmark → measurement math for the face tracker: head pose from FaceLandmarker's facial
 * transformation matrix, eye aspect ratios, mouth opening, five points and the box, from the
 * 478 normalised landmarks of the MediaPipe face mesh. Worker-safe, no DOM.
 *
 * Only mesh points 0–467 are read: 468–477 are placeholders in Kaihu's `face_landmarker.task`
 * (see scripts/models/convert/face-landmarker/landmarks-478.ts).
 */
import type { FaceMeasurement, FaceObservation, HeadPose } from './measurement.ts';

/** A landmark as FaceLandmarker returns it: x, y normalised to the frame, z relative depth. */
export interface Landmark {
	x: number;
	y: number;
	z: number;
}

/** One face as the tracker sees it: its landmarks and (when asked for) its 4×4 pose matrix. */
export interface TrackedFace {
	landmarks: readonly Landmark[];
	/** Facial transformation matrix, column-major (translation in elements 12–14). */
	matrix?: ArrayLike<number>;
}

/**
 * Eye contour points for the eye aspect ratio (Soukupová & Čech 2016), in the order
 * p1 (outer corner), p2, p3 (upper lid), p4 (inner corner), p5, p6 (lower lid). "Left"/"right"
 * are the user's: the user's right eye is on the image's left in an unmirrored frame.
 */
export const EYE_RIGHT = [33, 160, 158, 133, 153, 144] as const;
export const EYE_LEFT = [263, 387, 385, 362, 380, 373] as const;
/** Inner lips (upper, lower) and mouth corners (image left, image right). */
export const LIP_UPPER = 13;
export const LIP_LOWER = 14;
export const MOUTH_CORNERS = [61, 291] as const;
export const NOSE_TIP = 1;

const DEG = 180 / Math.PI;

/**
 * Head pose in degrees from the facial transformation matrix. The matrix maps the canonical face
 * (x right, y up, z towards the camera) into camera space, so its third column is the direction
 * the nose points and its second the top of the head. See `HeadPose` for the sign convention.
 */
export function headPose(m: ArrayLike<number>): HeadPose {
	const [fx, fy, fz] = [m[8]!, m[9]!, m[10]!]; // forward
	const yaw = Math.atan2(fx, fz);
	const pitch = Math.atan2(fy, Math.hypot(fx, fz));
	// Undo yaw, then pitch, on the up vector: what is left is a rotation about the view axis.
	const [ux, uy, uz] = [m[4]!, m[5]!, m[6]!];
	const x = ux * Math.cos(yaw) - uz * Math.sin(yaw);
	const z = ux * Math.sin(yaw) + uz * Math.cos(yaw);
	const y = uy * Math.cos(pitch) - z * Math.sin(pitch);
	return { yaw: yaw * DEG, pitch: pitch * DEG, roll: Math.atan2(-x, y) * DEG };
}

type Px = (i: number) => [number, number];

function pixels(landmarks: readonly Landmark[], width: number, height: number): Px {
	return (i) => {
		const p = landmarks[i];
		if (!p) throw new RangeError(`landmark ${i} missing`);
		return [p.x * width, p.y * height];
	};
}

const dist = ([ax, ay]: [number, number], [bx, by]: [number, number]) =>
	Math.hypot(ax - bx, ay - by);

/** Eye aspect ratio: lid distances over twice the eye width (≈ 0.25–0.35 open, < 0.15 closed). */
export function eyeAspectRatio(px: Px, eye: readonly number[]): number {
	const [p1, p2, p3, p4, p5, p6] = eye.map(px) as [number, number][];
	const width = dist(p1!, p4!);
	return width > 0 ? (dist(p2!, p6!) + dist(p3!, p5!)) / (2 * width) : 0;
}

/** Inner-lip gap over mouth width (≈ 0 closed, > 0.35 wide open). */
export function mouthOpening(px: Px): number {
	const width = dist(px(MOUTH_CORNERS[0]), px(MOUTH_CORNERS[1]));
	return width > 0 ? dist(px(LIP_UPPER), px(LIP_LOWER)) / width : 0;
}

const mid = (a: [number, number], b: [number, number]): [number, number] => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]; // prettier-ignore

/** One face's observation in frame pixels. */
export function observeFace(face: TrackedFace, width: number, height: number): FaceObservation {
	const px = pixels(face.landmarks, width, height);
	let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
	for (let i = 0; i < Math.min(468, face.landmarks.length); i++) {
		const [x, y] = px(i);
		[x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
	}
	return {
		box: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 },
		pose: face.matrix ? headPose(face.matrix) : { yaw: 0, pitch: 0, roll: 0 },
		eyeLeft: eyeAspectRatio(px, EYE_LEFT),
		eyeRight: eyeAspectRatio(px, EYE_RIGHT),
		mouth: mouthOpening(px),
		// Image order, as the ArcFace alignment expects: image-left eye first.
		fivePoints: [
			mid(px(EYE_RIGHT[0]), px(EYE_RIGHT[3])),
			mid(px(EYE_LEFT[0]), px(EYE_LEFT[3])),
			px(NOSE_TIP),
			px(MOUTH_CORNERS[0]),
			px(MOUTH_CORNERS[1])
		]
	};
}

/** The frame's measurement: the face count and the largest face. */
export function measureFrame(
	t: number,
	frameWidth: number,
	frameHeight: number,
	faces: readonly TrackedFace[]
): FaceMeasurement {
	const observed = faces.map((f) => observeFace(f, frameWidth, frameHeight));
	const area = (o: FaceObservation) => o.box.width * o.box.height;
	const face = observed.reduce<FaceObservation | undefined>((best, o) => (!best || area(o) > area(best) ? o : best), undefined); // prettier-ignore
	return { t, frameWidth, frameHeight, faceCount: faces.length, ...(face ? { face } : {}) };
}
