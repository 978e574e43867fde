/**
 * The photos a submission carries from the capture draft (sealed on the device by the capture
 * flow, `src/routes/capture/persist.ts`): both ID card sides, downscaled so the request stays
 * small, and the portrait cropped from the photo side for the server's face comparison.
 */
import { loadDraftFile } from '$lib/store/captures.ts';
import type { KaihuDb } from '$lib/store/db.ts';
import { getSetting } from '$lib/store/settings.ts';

/** The settings key holding this device's capture draft id. */
export const CAPTURE_DRAFT_SETTING = 'capture.currentDraft';
/** Card photos are sent at most this wide (the agent and reviewer look at them, OCR is done). */
const SEND_WIDTH = 640;

export interface SubmissionPhotos {
	idFront?: string;
	idBack?: string;
	idPortrait?: string;
}

async function base64(blob: Blob): Promise<string> {
	const bytes = new Uint8Array(await blob.arrayBuffer());
	let bin = '';
	for (let i = 0; i < bytes.length; i += 0x8000)
		bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return btoa(bin);
}

async function downscaled(blob: Blob): Promise<Blob> {
	const bitmap = await createImageBitmap(blob);
	const scale = Math.min(1, SEND_WIDTH / bitmap.width);
	const canvas = new OffscreenCanvas(
		Math.round(bitmap.width * scale),
		Math.round(bitmap.height * scale)
	);
	canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
	bitmap.close();
	return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
}

/** The draft's photos as base64 JPEG; a missing one is left out (the submission stays valid). */
export async function submissionPhotos(db: KaihuDb): Promise<SubmissionPhotos> {
	const id = await getSetting<string | undefined>(db, CAPTURE_DRAFT_SETTING, undefined);
	if (!id) return {};
	const file = (name: string) => loadDraftFile(db, id, name).catch(() => undefined);
	const [front, back, portrait] = await Promise.all([
		file('id-front.jpg'),
		file('id-back.jpg'),
		file('portrait.jpg')
	]);
	const out: SubmissionPhotos = {};
	if (front) out.idFront = await base64(await downscaled(front));
	if (back) out.idBack = await base64(await downscaled(back));
	if (portrait) out.idPortrait = await base64(portrait);
	return out;
}
