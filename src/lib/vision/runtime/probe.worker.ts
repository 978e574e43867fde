/// <reference lib="webworker" />
import { detectFeatures } from './features.ts';
import type { ProbeMessage, ProbeResult } from './probe.protocol.ts';
import type { WorkerReply, WorkerRequest } from './protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

interface GpuLike {
	requestAdapter(): Promise<unknown>;
}

async function hasWebGpuAdapter(): Promise<boolean> {
	const gpu = (navigator as WorkerNavigator & { gpu?: GpuLike }).gpu;
	if (!gpu) return false;
	try {
		return (await gpu.requestAdapter()) != null;
	} catch {
		return false;
	}
}

self.onmessage = async (event: MessageEvent<WorkerRequest<ProbeMessage>>) => {
	const { id } = event.data;
	let reply: WorkerReply<ProbeResult>;
	try {
		reply = { id, result: { ...detectFeatures(), webgpuAdapter: await hasWebGpuAdapter() } };
	} catch (err) {
		reply = { id, error: { code: 'internal', message: String(err) } };
	}
	self.postMessage(reply);
};
