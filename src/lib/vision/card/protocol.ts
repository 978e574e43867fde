import type { Quad } from './geometry.ts';
import type { CardMetrics } from './quality.ts';

export type { FrameRect, Pixels } from './frame.ts';
import type { FrameRect, Pixels } from './frame.ts';

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
