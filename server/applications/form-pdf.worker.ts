/**
 * The form PDF renderer on its own thread (`worker_threads`): pdf-lib's layout, font subsetting
 * and compression are a few hundred milliseconds of CPU per form, which on the API's thread held
 * every request behind a flood of submissions. Started by `form-pdf-renderer.ts` through
 * `form-pdf.worker.mjs` (Node 20 runs no TypeScript by itself); the same `buildFormPdf` as the
 * in-thread renderer, so the bytes are the same.
 */
import { parentPort } from 'node:worker_threads';
import { buildFormPdf } from './form-pdf.ts';
import type { RenderReply, RenderRequest } from './form-pdf-protocol.ts';

async function render(req: RenderRequest): Promise<RenderReply> {
	try {
		const pdf = await buildFormPdf(
			req.applicationId,
			req.fields,
			req.signaturePng,
			req.risk,
			new Date(req.signedAt)
		);
		return { id: req.id, bytes: pdf.bytes, sha256: pdf.sha256 };
	} catch (err) {
		// pdf-lib's messages name structures of the PNG or the font, never the form's content.
		const message = err instanceof Error ? err.message : String(err);
		return { id: req.id, error: { code: 'render_failed', message } };
	}
}

const port = parentPort;
if (!port) throw new Error('form-pdf.worker.ts runs as a worker thread');
port.on('message', (req: RenderRequest) => {
	void render(req).then((reply) => port.postMessage(reply));
});
