import { cameraProblem, type CameraProblem } from './errors.ts';

export type OpenCameraResult =
	{ ok: true; stream: MediaStream } | { ok: false; problem: CameraProblem };

/**
 * Opens a camera with modest defaults (rural phones: 1280×720 is plenty for a card, 640×480 for a
 * face). Never throws: the caller always gets either a stream or a problem to show the user.
 */
export async function openCamera(
	facing: 'user' | 'environment' = 'environment',
	size: { width: number; height: number } = { width: 1280, height: 720 }
): Promise<OpenCameraResult> {
	if (typeof window !== 'undefined' && !window.isSecureContext) {
		return { ok: false, problem: cameraProblem('insecure_context') };
	}
	if (!navigator.mediaDevices?.getUserMedia) {
		return { ok: false, problem: cameraProblem('unsupported') };
	}
	try {
		const stream = await navigator.mediaDevices.getUserMedia({
			audio: false,
			video: {
				facingMode: { ideal: facing },
				width: { ideal: size.width },
				height: { ideal: size.height }
			}
		});
		return { ok: true, stream };
	} catch (err) {
		return { ok: false, problem: cameraProblem(err) };
	}
}

/** Stops every track (turns the camera light off). */
export function closeCamera(stream: MediaStream | undefined): void {
	stream?.getTracks().forEach((t) => t.stop());
}
