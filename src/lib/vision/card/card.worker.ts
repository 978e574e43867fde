/// <reference lib="webworker" />
import type { WorkerReply, WorkerRequest } from '../runtime/protocol.ts';
import { analyseFrame } from './detect.ts';
import type { CardMessage, CardResult } from './protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

let canvas: OffscreenCanvas | undefined;

function pixelsOf(frame: ImageBitmap) {
	const { width, height } = frame;
	if (!canvas || canvas.width !== width || canvas.height !== height) {
		canvas = new OffscreenCanvas(width, height);
	}
	const ctx = canvas.getContext('2d', { willReadFrequently: true });
	if (!ctx) throw new Error('no 2d context in worker');
	ctx.drawImage(frame, 0, 0);
	return ctx.getImageData(0, 0, width, height);
}

function handle(msg: CardMessage): { result: CardResult; transfer: Transferable[] } {
	if (msg.type === 'warmup') return { result: { type: 'ready' }, transfer: [] };
	const started = performance.now();
	try {
		const img = pixelsOf(msg.frame);
		const { metrics, rectified } = analyseFrame(img, msg.guide, msg.prev, msg.wantRectified);
		const ms = performance.now() - started;
		return {
			result: { type: 'analysed', metrics, rectified, ms },
			transfer: rectified ? [rectified.data.buffer] : []
		};
	} finally {
		msg.frame.close();
	}
}

self.onmessage = (event: MessageEvent<WorkerRequest<CardMessage>>) => {
	const { id, ...msg } = event.data;
	try {
		const { result, transfer } = handle(msg as CardMessage);
		const reply: WorkerReply<CardResult> = { id, result };
		self.postMessage(reply, transfer);
	} catch (err) {
		const reply: WorkerReply<CardResult> = {
			id,
			error: { code: 'internal', message: err instanceof Error ? err.message : String(err) }
		};
		self.postMessage(reply);
	}
};
