import type { RuntimeFeatures } from './features.ts';

/** Asks a worker what its own context supports (threads and WebGPU can differ from the page). */
export type ProbeMessage = { type: 'probe' };
export type ProbeResult = RuntimeFeatures & {
	/** A WebGPU adapter was actually granted (the API can exist with no usable GPU). */
	webgpuAdapter: boolean;
};
