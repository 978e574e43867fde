/**
 * `npx tsx scripts/bench/face-card.ts [-- --split dev|test --per-side N]`
 *
 * The server's face analysis on ID portraits cut from phone-photographed cards of the second card
 * generator (tests/fixtures/cards2): the client crops `PORTRAIT_BOX` from the rectified photo side
 * (src/routes/capture/persist.ts) and the server must find a usable face in it
 * (`OnnxFaceComparator.analyse`: BlazeFace, then `faceQuality`). Reports the pass rate and why
 * portraits fail, the quality measures, and the match score of each usable portrait against the
 * source photo of the same person and of the other person (same/different must stay apart).
 * Upside-down rectified cards are turned upright first (what the capture flow does once the
 * card's orientation is known); `--as-rectified` crops them as they come.
 */
import jpeg from 'jpeg-js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { OnnxFaceComparator } from '../../server/face/comparator.ts';
import { faceQuality } from '../../server/face/quality.ts';
import type { RgbaImage } from '../../src/lib/vision/face/align.ts';
import { PORTRAITS } from '../../tests/fixtures/cards/portraits.ts';
import {
	GENERATED2,
	generateCards2,
	type Card2Truth,
	type Split
} from '../../tests/fixtures/cards2/generate.ts';

const { values } = parseArgs({
	options: {
		split: { type: 'string', default: 'dev' },
		'per-side': { type: 'string', default: '24' },
		'as-rectified': { type: 'boolean', default: false }
	}
});
const split = values.split as Split;
const perSide = Number(values['per-side']);
const dir = join(GENERATED2, 'cards2', `bench-${split}-n${perSide}`);
const fronts = () =>
	existsSync(dir)
		? readdirSync(dir).filter((f) => f.startsWith('id-front') && f.endsWith('.json'))
		: [];
if (fronts().length < perSide) await generateCards2({ split, perSide, outDir: dir });

/** The capture flow's portrait box on the 856×540 rectified card. */
const BOX = { x: 560, y: 70, w: 250, h: 310 };

function crop(img: RgbaImage, turn: number): Uint8Array {
	const out = Buffer.alloc(BOX.w * BOX.h * 4);
	for (let y = 0; y < BOX.h; y++)
		for (let x = 0; x < BOX.w; x++) {
			let sx = BOX.x + x;
			let sy = BOX.y + y;
			if (turn === 180) [sx, sy] = [img.width - 1 - sx, img.height - 1 - sy];
			const s = (sy * img.width + sx) * 4;
			out.set(img.data.subarray(s, s + 4), (y * BOX.w + x) * 4);
		}
	return new Uint8Array(jpeg.encode({ width: BOX.w, height: BOX.h, data: out }, 92).data);
}

const cmp = await OnnxFaceComparator.open();
const sources = PORTRAITS.map((p) => readFileSync(join(GENERATED2, 'portraits', p.file)));
const rows: {
	file: string;
	kind: string;
	sharp?: number;
	bright?: number;
	same?: number;
	other?: number;
	blur: string;
}[] = [];
try {
	for (const f of fronts().sort()) {
		const t = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Card2Truth;
		const raw = jpeg.decode(readFileSync(join(dir, t.file)), { useTArray: true });
		const img: RgbaImage = { width: raw.width, height: raw.height, data: raw.data };
		const bytes = crop(img, values['as-rectified'] ? 0 : t.turn);
		const a = await cmp.analyse(bytes);
		const blur =
			t.shot.blur.kind === 'none'
				? 'none'
				: t.shot.blur.kind === 'focus'
					? `focus ${t.shot.blur.sigma.toFixed(1)}`
					: `motion ${t.shot.blur.length.toFixed(1)}`;
		const detected = a.kind === 'face' ? a : await analyseLoosely(bytes);
		const q = detected ? faceQuality(detected.image, detected.face.five) : undefined;
		const row: (typeof rows)[number] = {
			file: t.file,
			kind: a.kind,
			sharp: q?.sharpness,
			bright: q?.brightness,
			blur
		};
		if (a.kind === 'poor_quality' && detected) {
			// Would the rejected portrait still have matched? (Embeds it past the quality gate.)
			const mine = (t.seed * 7) % sources.length;
			const emb = (
				cmp as unknown as { embedder: { embed(i: RgbaImage, f: unknown): Promise<Float32Array> } }
			).embedder;
			const ref = async (b: Buffer) => {
				const r = await cmp.analyse(new Uint8Array(b));
				if (r.kind !== 'face') throw new Error('source portrait unusable');
				return emb.embed(r.image, r.face.five);
			};
			const mineE = await emb.embed(detected.image, detected.face.five);
			const { cosineSimilarity } = await import('../../src/lib/vision/face/similarity.ts');
			row.same = cosineSimilarity(await ref(sources[mine]!), mineE);
			row.other = cosineSimilarity(await ref(sources[1 - mine]!), mineE);
		}
		if (a.kind === 'face') {
			// The generator picks the portrait source by (seed * 7) % sources.
			const mine = (t.seed * 7) % sources.length;
			const s = await cmp.compare(new Uint8Array(sources[mine]!), bytes);
			const o = await cmp.compare(new Uint8Array(sources[1 - mine]!), bytes);
			if (s.kind === 'score') row.same = s.score;
			if (o.kind === 'score') row.other = o.score;
		}
		rows.push(row);
	}
} finally {
	await cmp.close();
}

/** The face the detector finds, before the quality gate (to report the measures of rejects). */
async function analyseLoosely(bytes: Uint8Array) {
	const { decodePhoto } = await import('../../server/face/decode.ts');
	const d = decodePhoto(bytes);
	if (!d.ok) return undefined;
	const det = (
		cmp as unknown as { detector: { detect(i: RgbaImage, s: number): Promise<{ five: never }[]> } }
	).detector;
	const [face] = await det.detect(d.image, 0.6);
	return face ? { image: d.image, face } : undefined;
}

const pass = rows.filter((r) => r.kind === 'face').length;
console.log(
	`\nID portraits from phone-photographed cards (cards2 ${split}, ${rows.length} photo sides${values['as-rectified'] ? ', cropped as rectified' : ''})`
);
// The test split is only ever counted, never listed.
for (const r of split === 'dev' ? rows : [])
	console.log(
		`  ${r.file.padEnd(26)} ${r.kind.padEnd(13)} sharp ${r.sharp?.toFixed(1) ?? '—'} bright ${r.bright?.toFixed(0) ?? '—'} blur ${r.blur.padEnd(11)} same ${r.same?.toFixed(3) ?? '—'} other ${r.other?.toFixed(3) ?? '—'}`
	);
const same = rows.flatMap((r) => (r.same === undefined ? [] : [r.same]));
const other = rows.flatMap((r) => (r.other === undefined ? [] : [r.other]));
console.log(
	`pass (usable face): ${pass}/${rows.length} = ${((100 * pass) / rows.length).toFixed(1)} %`
);
if (same.length)
	console.log(
		`match vs source photo: same person min ${Math.min(...same).toFixed(3)}, other person max ${Math.max(...other).toFixed(3)} (threshold ${cmp.threshold})`
	);
