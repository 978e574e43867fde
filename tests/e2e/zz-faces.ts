import { writeFileSync } from 'node:fs';
import { OnnxFaceComparator } from '../../server/face/comparator.ts';
import { faceQuality } from '../../server/face/quality.ts';
import { decodePhoto } from '../../server/face/decode.ts';
async function main() {
	const base = 'http://127.0.0.1:4421';
	const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'reviewer', password: 'e2e-demo-password' }) });
	const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
	const q = (await (await fetch(`${base}/api/review/queue`, { headers: { cookie } })).json()) as { items: { id: string }[] };
	const id = q.items.at(-1)!.id;
	const app = (await (await fetch(`${base}/api/review/applications/${id}`, { headers: { cookie } })).json()) as { files: { id: string; kind: string; label: string }[] };
	console.log(JSON.stringify(app.files));
	const cmp = await OnnxFaceComparator.open();
	for (const f of app.files) {
		if (!['face_image', 'id_image'].includes(f.kind)) continue;
		const bytes = new Uint8Array(await (await fetch(`${base}/api/review/applications/${id}/files/${f.id}`, { headers: { cookie } })).arrayBuffer());
		writeFileSync(`/tmp/jx/${f.label}.jpg`, bytes);
		const a = await cmp.analyse(bytes);
		const d = decodePhoto(bytes);
		console.log(f.label, bytes.length, d.ok ? `${d.image.width}x${d.image.height}` : 'undecodable', a.kind, a.kind === 'face' ? JSON.stringify(faceQuality(a.image, a.face.five)) : '');
	}
}
void main();
