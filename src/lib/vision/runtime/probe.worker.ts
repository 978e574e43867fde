/// <reference lib="webworker" />
import { detectFeatures } from './features.ts';
import type { ProbeMessage, ProbeResult } from './probe.protocol.ts';
import type { WorkerReply, WorkerRequest } from './protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (event: MessageEvent<WorkerRequest<ProbeMessage>>) => {
	const { id } = event.data;
	let reply: WorkerReply<ProbeResult>;
	try {
		reply = { id, result: { ...detectFeatures() } };
	} catch (err) {
		reply = { id, error: { code: 'internal', message: String(err) } };
	}
	self.postMessage(reply);
};
