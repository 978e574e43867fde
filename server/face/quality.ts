/**
 * Is a detected face usable for comparison? Measured on the face aligned to a 112×112 crop (the
 * ArcFace template), so every face is judged at the same scale: sharpness as the variance of the
 * Laplacian of the grey crop (a small or blurred face upsampled to 112 px loses its edges), and
 * exposure as the crop's mean brightness. Thresholds are calibrated in quality.test.ts on real
 * photos and degraded copies of them.
 */
import { alignFace, type FivePoints, type RgbaImage } from '../../src/lib/vision/face/align.ts';

const CROP = 112;
/** Below this Laplacian variance the face is too blurred or too small to compare. */
export const MIN_SHARPNESS = 30;
/** Mean grey level of the face crop outside this range: too dark or washed out. */
export const MIN_BRIGHTNESS = 45;
export const MAX_BRIGHTNESS = 215;
/** Eye distance in the photo's pixels below which the face is too small. */
export const MIN_EYE_DISTANCE = 18;

export interface FaceQuality {
	sharpness: number;
	brightness: number;
	eyeDistance: number;
	/** Why the face is unusable, or null when it is fine. */
	problem: 'blurred' | 'too_dark' | 'too_bright' | 'too_small' | null;
}

export function faceQuality(image: RgbaImage, five: FivePoints): FaceQuality {
	const rgb = alignFace(image, five, CROP);
	const grey = new Float32Array(CROP * CROP);
	let sum = 0;
	for (let i = 0; i < grey.length; i++) {
		grey[i] = 0.299 * rgb[i * 3]! + 0.587 * rgb[i * 3 + 1]! + 0.114 * rgb[i * 3 + 2]!;
		sum += grey[i]!;
	}
	const brightness = sum / grey.length;
	let n = 0;
	let mean = 0;
	let m2 = 0;
	// The central face region only: the template's corners hold hair and background.
	for (let y = 16; y < CROP - 8; y++)
		for (let x = 16; x < CROP - 16; x++) {
			const i = y * CROP + x;
			const lap = grey[i - CROP]! + grey[i + CROP]! + grey[i - 1]! + grey[i + 1]! - 4 * grey[i]!;
			n++;
			const d = lap - mean;
			mean += d / n;
			m2 += d * (lap - mean);
		}
	const sharpness = m2 / n;
	const eyeDistance = Math.hypot(five[1][0] - five[0][0], five[1][1] - five[0][1]);
	const problem =
		eyeDistance < MIN_EYE_DISTANCE
			? 'too_small'
			: brightness < MIN_BRIGHTNESS
				? 'too_dark'
				: brightness > MAX_BRIGHTNESS
					? 'too_bright'
					: sharpness < MIN_SHARPNESS
						? 'blurred'
						: null;
	return { sharpness, brightness, eyeDistance, problem };
}
