import type { ProbeMessage, ProbeResult } from './probe.protocol.ts';
import { WorkerClient } from './worker-client.ts';

/** A client for the feature-probe worker (what a worker context supports can differ from the page). */
export function createProbeClient(): WorkerClient<ProbeMessage, ProbeResult> {
	return new WorkerClient<ProbeMessage, ProbeResult>(
		() => new Worker(new URL('./probe.worker.ts', import.meta.url), { type: 'module' }),
		1000
	);
}
