/**
 * Keeps captured card images on the device the moment they are taken: each rectified side (and
 * the portrait cropped from the photo side) is sealed into a draft of the encrypted store
 * (`$lib/store/captures.ts`), so a reload, a crash or a closed tab never loses them. The draft is
 * the customer's own (its id remembered in settings) or one named by `?draft=` — a branch
 * customer the staff member is capturing for (`/branch`).
 */
import { CAPTURE_DRAFT_SETTING } from '$lib/journey/photos.ts';
import { loadDraft, loadDraftFile, saveDraft } from '$lib/store/captures.ts';
import { db } from '$lib/store/db.ts';
import { getSetting, setSetting } from '$lib/store/settings.ts';
import { safeNext } from '$lib/staff/navigation.ts';
import type { CardFields } from '$lib/domain/read-card.ts';
import type { Pixels } from '$lib/vision/card/protocol.ts';
import { nextSide, SIDES, type CardSide } from '$lib/vision/card/sides.ts';

/** The portrait on the photo side (GA 448-2013 layout, on the 856 × 540 rectified card). */
export const PORTRAIT_BOX = { x: 560, y: 70, w: 250, h: 310 } as const;
export const PORTRAIT_FILE = 'portrait.jpg';
const CURRENT_DRAFT = CAPTURE_DRAFT_SETTING;
const JPEG_QUALITY = 0.92;

export const sideFile = (side: CardSide) => `${side}.jpg`;

async function jpeg(
	p: Pixels,
	box = { x: 0, y: 0, w: p.width, h: p.height }
): Promise<Uint8Array<ArrayBuffer>> {
	const canvas = new OffscreenCanvas(box.w, box.h);
	const ctx = canvas.getContext('2d');
	if (!ctx) throw new Error('no 2d context');
	ctx.putImageData(new ImageData(new Uint8ClampedArray(p.data), p.width, p.height), -box.x, -box.y);
	const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: JPEG_QUALITY });
	return new Uint8Array(await blob.arrayBuffer());
}

/** The draft captures go into: `explicit` (a `?draft=` id) or this device's own capture draft. */
async function draftId(explicit: string | null | undefined): Promise<string | undefined> {
	return explicit ?? (await getSetting<string | undefined>(db(), CURRENT_DRAFT, undefined));
}

/** Seals a captured side (and, for the photo side, the portrait) into the draft; returns its id. */
export async function persistSide(
	side: CardSide,
	p: Pixels,
	explicit?: string | null
): Promise<string> {
	const files = [{ name: sideFile(side), type: 'image/jpeg', bytes: await jpeg(p) }];
	if (side === 'id-front') {
		const s = p.width / 856;
		const box = {
			x: Math.round(PORTRAIT_BOX.x * s),
			y: Math.round(PORTRAIT_BOX.y * s),
			w: Math.round(PORTRAIT_BOX.w * s),
			h: Math.round(PORTRAIT_BOX.h * s)
		};
		files.push({ name: PORTRAIT_FILE, type: 'image/jpeg', bytes: await jpeg(p, box) });
	}
	const id = await draftId(explicit);
	const old = id ? await loadDraft(db(), id).catch(() => undefined) : undefined;
	const sides = new Set([...((old?.data.sides as CardSide[] | undefined) ?? []), side]);
	const saved = await saveDraft(db(), {
		...(old && id ? { id } : {}),
		kind: old?.kind ?? 'card-capture',
		data: { ...old?.data, sides: [...sides] },
		files,
		replace: files.map((f) => f.name)
	});
	if (!explicit) await setSetting(db(), CURRENT_DRAFT, saved);
	return saved;
}

/** Seals what OCR read off an accepted side into the draft (next to its photo). */
export async function persistReading(
	side: CardSide,
	fields: CardFields,
	explicit?: string | null
): Promise<void> {
	const id = await draftId(explicit);
	const old = id ? await loadDraft(db(), id).catch(() => undefined) : undefined;
	if (!old || !id) return;
	const readings = {
		...(old.data.readings as Record<string, CardFields> | undefined),
		[side]: fields
	};
	await saveDraft(db(), { id, kind: old.kind, data: { ...old.data, readings }, files: [] });
}

/** The readings sealed with this device's draft (after a reload). */
export async function restoreReadings(
	explicit?: string | null
): Promise<Partial<Record<CardSide, CardFields>>> {
	const id = await draftId(explicit);
	const old = id ? await loadDraft(db(), id).catch(() => undefined) : undefined;
	return (old?.data.readings as Partial<Record<CardSide, CardFields>> | undefined) ?? {};
}

async function pixels(blob: Blob): Promise<Pixels> {
	const bitmap = await createImageBitmap(blob);
	const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
	const ctx = canvas.getContext('2d');
	if (!ctx) throw new Error('no 2d context');
	ctx.drawImage(bitmap, 0, 0);
	bitmap.close();
	const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
	return { width: img.width, height: img.height, data: img.data };
}

/** The sides already stored in the draft, decrypted and decoded (after a reload). */
export async function restoreSides(
	explicit?: string | null
): Promise<Partial<Record<CardSide, Pixels>>> {
	const id = await draftId(explicit);
	const out: Partial<Record<CardSide, Pixels>> = {};
	if (!id) return out;
	for (const side of SIDES) {
		const blob = await loadDraftFile(db(), id, sideFile(side)).catch(() => undefined);
		if (blob) out[side] = await pixels(blob);
	}
	return out;
}

/**
 * Where "use this photo" goes: the next side, keeping `?draft=` and `?back=`; after the last side
 * the `back` page when it is a same-origin path (the branch console), else the overview.
 */
export function nextUrl(side: CardSide, here: URL): string {
	const next = nextSide(side);
	if (!next) return safeNext(here.searchParams.get('back')) ?? '/capture';
	return `/capture/${next}${here.search}`;
}
