/// <reference lib="webworker" />
/**
 * OCR worker: PP-OCRv4 detection + recognition on onnxruntime-web. `warmup` creates the sessions;
 * `recognise` reads a rectified card image. Every failure is posted back with a typed code.
 */
import { configureOrt } from '../runtime/ort.ts';
import type { WorkerError, WorkerReply, WorkerRequest } from '../runtime/protocol.ts';
import type { RgbaImage } from './image.ts';
import { primeOcr, recognise } from './pipeline.ts';
import type { OcrMessage, OcrResult } from './protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

function pixels(image: ImageBitmap | ImageData): RgbaImage {
	if (!('close' in image)) return image;
	try {
		const canvas = new OffscreenCanvas(image.width, image.height);
		const ctx = canvas.getContext('2d', { willReadFrequently: true });
		if (!ctx) throw new Error('no 2d context in the worker');
		ctx.drawImage(image, 0, 0);
		return ctx.getImageData(0, 0, image.width, image.height);
	} finally {
		image.close();
	}
}

async function handle(msg: OcrMessage): Promise<OcrResult> {
	switch (msg.type) {
		case 'warmup': {
			const t0 = performance.now();
			const backend = configureOrt();
			await primeOcr();
			return { type: 'warm', backend, ms: performance.now() - t0 };
		}
		case 'recognise': {
			const img = pixels(msg.image);
			const { lines, timings } = await recognise(img, { detMaxSide: msg.detMaxSide });
			return { type: 'lines', lines, timings };
		}
	}
}

function toError(err: unknown, msg: OcrMessage): WorkerError {
	const message = err instanceof Error ? err.message : String(err);
	if (msg.type === 'warmup' || /model|keys|HTTP|fetch|wasm/i.test(message)) {
		return { code: 'model_load_failed', message };
	}
	return { code: 'internal', message };
}

self.onmessage = async (event: MessageEvent<WorkerRequest<OcrMessage>>) => {
	const { id, ...msg } = event.data;
	let reply: WorkerReply<OcrResult>;
	try {
		reply = { id, result: await handle(msg as OcrMessage) };
	} catch (err) {
		reply = { id, error: toError(err, msg as OcrMessage) };
	}
	self.postMessage(reply);
};
