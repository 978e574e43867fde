/**
 * Message shapes shared by every vision worker and its client: a request carries an `id`, and the
 * worker answers the same `id` with either `result` or a typed `error`. Never `any` on the wire.
 */

/** Error codes a worker may report. */
export type WorkerErrorCode =
	'aborted' | 'worker_crashed' | 'model_load_failed' | 'unsupported' | 'bad_input' | 'internal';

export interface WorkerError {
	code: WorkerErrorCode;
	message: string;
}

export type WorkerReply<R> = { id: number; result: R } | { id: number; error: WorkerError };

export type WorkerRequest<M> = { id: number } & M;

/** Typed error thrown by worker clients. */
export class VisionWorkerError extends Error {
	constructor(
		readonly code: WorkerErrorCode,
		message: string
	) {
		super(message);
		this.name = 'VisionWorkerError';
	}
}
