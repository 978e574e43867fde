import { readFileSync } from 'node:fs';
import { OnnxFaceComparator } from '../../server/face/comparator.ts';
import { faceQuality } from '../../server/face/quality.ts';
async function main() {
	const cmp = await OnnxFaceComparator.open();
	for (const f of process.argv.slice(2)) {
		const a = await cmp.analyse(new Uint8Array(readFileSync(f)));
		console.log(f, a.kind, a.kind === 'face' ? JSON.stringify(faceQuality(a.image, a.face.five)) : '');
	}
	const live = new Uint8Array(readFileSync('/tmp/jx/live_photo.jpg'));
	for (const f of process.argv.slice(2)) console.log(f, JSON.stringify(await cmp.compare(live, new Uint8Array(readFileSync(f)))));
}
void main();
