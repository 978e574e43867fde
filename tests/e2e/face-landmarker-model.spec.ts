import { expect, test } from '@playwright/test';
import { facePhotos } from '../fixtures/faces/photos.ts';
import { faceBundles, routeFace, type FaceBundles } from './face-bundle.ts';

/**
 * Regression test of `face_landmarker.task` (built at install time from the legacy face_mesh
 * models, scripts/models/convert/face-landmarker): FaceLandmarker in the tracker's worker must
 * put the 468 mesh points where the legacy `@mediapipe/face_mesh` solution (Google's own graph
 * around the same model) puts them, on real photos. A model with metadata but a wrong input
 * normalisation or output layout still "works" — it returns 478 garbage points — so only a
 * comparison like this catches it.
 */
let bundles: FaceBundles;
const PHOTOS = ['grace_hopper', 'franck_01829'];
let files: Record<string, string>;

test.beforeAll(async () => {
	bundles = await faceBundles();
	const photos = facePhotos().filter((p) => PHOTOS.includes(p.id));
	files = Object.fromEntries(photos.map((p) => [p.id, p.file]));
});

test('the bundle finds the same 468 landmarks as the legacy face_mesh solution', async ({
	page
}) => {
	test.setTimeout(120_000);
	await routeFace(page, bundles, files);
	await page.goto('/__e2e/face-track/page.html');
	await page.addScriptTag({ url: '/__e2e/legacy-mesh/face_mesh.js' });
	await page.addScriptTag({ url: '/__e2e/face-track/harness.js', type: 'module' });
	await page.waitForFunction(() => window.faceTrackHarness !== undefined);

	for (const id of Object.keys(files)) {
		const r = await page.evaluate(async (id) => {
			const blob = await (await fetch(`/__e2e/face-track/file/${id}`)).blob();
			const img = new Image();
			img.src = URL.createObjectURL(blob);
			await img.decode();
			const { naturalWidth: w, naturalHeight: h } = img;
			const tracked = await window.faceTrackHarness!.client.image(await createImageBitmap(blob), {
				landmarks: true
			});
			type Pt = { x: number; y: number; z: number };
			type Mesh = {
				setOptions(o: object): void;
				onResults(cb: (r: { multiFaceLandmarks?: Pt[][] }) => void): void;
				send(i: { image: HTMLImageElement }): Promise<void>;
			};
			const Ctor = (window as unknown as { FaceMesh: new (o: object) => Mesh }).FaceMesh;
			const mesh = new Ctor({ locateFile: (f: string) => `/__e2e/legacy-mesh/${f}` });
			mesh.setOptions({ maxNumFaces: 1, refineLandmarks: false });
			const legacy = await new Promise<Pt[]>((resolve) => {
				mesh.onResults((res) => resolve(res.multiFaceLandmarks?.[0] ?? []));
				void mesh.send({ image: img });
			});
			const ours = tracked.landmarks?.[0] ?? [];
			const errors = legacy.map((p, i) => Math.hypot((p.x - ours[i]!.x) * w, (p.y - ours[i]!.y) * h)); // prettier-ignore
			const zSpread = Math.max(...ours.map((p) => p.z)) - Math.min(...ours.map((p) => p.z));
			return { w, h, n: ours.length, legacyN: legacy.length, errors, zSpread, m: tracked.measurement }; // prettier-ignore
		}, id);
		const mean = r.errors.reduce((s, e) => s + e, 0) / r.errors.length;
		const max = Math.max(...r.errors);
		const faceWidth = r.m.face!.box.width;
		console.log(`${id} (${r.w}×${r.h}, face ${faceWidth.toFixed(0)} px wide): landmark error vs legacy face_mesh mean ${mean.toFixed(2)} px, max ${max.toFixed(2)} px`); // prettier-ignore
		test.info().annotations.push({ type: id, description: `mean ${mean.toFixed(2)} px, max ${max.toFixed(2)} px` }); // prettier-ignore
		expect(r.n).toBe(478);
		expect(r.legacyN).toBe(468);
		expect(r.zSpread).toBeGreaterThan(0.05); // a metadata-only model gives z = 0 everywhere
		expect(mean).toBeLessThan(0.01 * faceWidth);
		expect(max).toBeLessThan(0.04 * faceWidth);
		// The measurement of an awake, roughly frontal portrait.
		const f = r.m.face!;
		expect(r.m.faceCount).toBe(1);
		expect(Math.abs(f.pose.yaw)).toBeLessThan(20);
		expect(f.eyeLeft).toBeGreaterThan(0.15);
		expect(f.eyeRight).toBeGreaterThan(0.15);
		expect(f.fivePoints[0]![0]).toBeLessThan(f.fivePoints[1]![0]); // image-left eye first
	}
});
