/** Plain frame types shared by the card worker's code (no DOM types, so Node scripts can use it). */

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
