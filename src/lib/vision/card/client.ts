import { WorkerClient } from '../runtime/worker-client.ts';
import type { CardMessage, CardResult } from './protocol.ts';

/** The card-analysis worker (own imgproc code, no download), started on first use and stopped after 60 s idle. */
export function createCardClient(): WorkerClient<CardMessage, CardResult> {
	return new WorkerClient<CardMessage, CardResult>(
		() => new Worker(new URL('./card.worker.ts', import.meta.url), { type: 'module' }),
		60_000
	);
}
