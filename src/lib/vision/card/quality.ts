import type { Quad } from './geometry.ts';

/** Per-frame measurements of a detected card (computed in the card worker). */
export interface CardMetrics {
	/** Card corners in frame pixels, or null when no card-shaped quad was found. */
	quad: Quad | null;
	frameWidth: number;
	frameHeight: number;
	/** Card area over the guide's area (the guide is the card-shaped frame drawn on screen). */
	fill: number;
	/** A corner lies within a few pixels of the frame edge (the card is cut off). */
	touchesEdge: boolean;
	/** Largest corner-angle deviation from 90°, degrees. */
	skew: number;
	/** Long over short side of the quad. */
	aspect: number;
	/** Variance of the Laplacian of the rectified card (sharp ≈ 300+, blurred ≈ 20). */
	sharpness: number;
	/** Fraction of saturated pixels (≥ 250) on the rectified card. */
	glare: number;
	/** Mean luma of the rectified card (or the frame when no card), 0–255. */
	luma: number;
	/** Mean corner motion since the previous frame, px. */
	motion: number;
}

/**
 * Thresholds, measured on synthetic cards rendered at 1280×720 and checked against the NOTES
 * (Laplacian variance 344 sharp vs 18 blurred): SHARPNESS sits well between the two.
 */
export const QUALITY = {
	MIN_FILL: 2 / 3,
	MAX_SKEW_DEG: 14,
	ASPECT_TOLERANCE: 0.22,
	MIN_SHARPNESS: 60,
	MAX_GLARE: 0.015,
	MIN_LUMA: 60,
	MAX_LUMA: 235,
	MAX_MOTION_PX: 6
} as const;
