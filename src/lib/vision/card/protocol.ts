import type { Quad } from './geometry.ts';
import type { CardMetrics } from './quality.ts';

/** A rectangle as fractions of the frame (0–1). */
export interface FrameRect {
	x: number;
	y: number;
	w: number;
	h: number;
}

/** Raw RGBA pixels (a transferable stand-in for ImageData, which workers cannot always build). */
export interface Pixels {
	width: number;
	height: number;
	data: Uint8ClampedArray;
}

export type CardMessage =
	| { type: 'warmup' }
	| {
			type: 'analyse';
			/** Transferred; the worker closes it. */
			frame: ImageBitmap;
			/** The on-screen card guide, as fractions of the frame. */
			guide: FrameRect;
			/** Quad of the previous analysed frame (for motion). */
			prev: Quad | null;
			/** Return the rectified 856×540 card when the frame is usable. */
			wantRectified: boolean;
	  };

export type CardResult =
	| { type: 'ready' }
	| { type: 'analysed'; metrics: CardMetrics; rectified: Pixels | null; ms: number };
