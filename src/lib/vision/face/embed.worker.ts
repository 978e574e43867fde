/// <reference lib="webworker" />
/**
 * Face-embedding worker: onnxruntime-web (WASM) running the faceres ONNX model on ArcFace-aligned
 * crops. Talks `embed.protocol.ts`; never lets an exception vanish.
 */
import type { WorkerReply, WorkerRequest } from '../runtime/protocol.ts';
import { VisionWorkerError } from '../runtime/protocol.ts';
import type { RgbaImage } from './align.ts';
import { createEmbedHandler, type EmbedRunner } from './embed-handler.ts';
import type { EmbedMessage, EmbedResult } from './embed.protocol.ts';
import { EMBED_MODEL_PATH } from './embedding.ts';
import { configureOrt, floatTensor, loadSession, runSession } from '../runtime/ort.ts';

declare const self: DedicatedWorkerGlobalScope;

async function loadRunner(): Promise<EmbedRunner> {
	configureOrt(1); // one thread: a few runs per check, no nested pthread workers
	const session = await loadSession(EMBED_MODEL_PATH);
	return async (input, dims) => {
		const out = await runSession(session, { input: floatTensor(input, dims) });
		const embedding = out['embedding'];
		if (!embedding) throw new VisionWorkerError('internal', 'model has no embedding output');
		return embedding.data as Float32Array;
	};
}

function toRgba(bitmap: ImageBitmap): RgbaImage {
	try {
		const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
		const ctx = canvas.getContext('2d', { willReadFrequently: true });
		if (!ctx) throw new VisionWorkerError('unsupported', 'no OffscreenCanvas 2d context');
		ctx.drawImage(bitmap, 0, 0);
		return ctx.getImageData(0, 0, bitmap.width, bitmap.height);
	} finally {
		bitmap.close();
	}
}

const handle = createEmbedHandler(loadRunner, toRgba);

self.onmessage = async (event: MessageEvent<WorkerRequest<EmbedMessage>>) => {
	const { id, ...msg } = event.data;
	let reply: WorkerReply<EmbedResult>;
	try {
		const result = await handle(msg as EmbedMessage);
		reply = { id, result };
		const transfer = result.type === 'embedding' ? [result.embedding.buffer] : [];
		self.postMessage(reply, transfer);
		return;
	} catch (err) {
		const e =
			err instanceof VisionWorkerError ? err : new VisionWorkerError('internal', String(err));
		reply = { id, error: { code: e.code, message: e.message } };
	}
	self.postMessage(reply);
};
