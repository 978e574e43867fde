import { VisionWorkerError, type WorkerReply, type WorkerRequest } from './protocol.ts';

interface Pending {
	resolve(value: unknown): void;
	reject(err: unknown): void;
}

/**
 * One client per worker: starts the worker lazily on the first call, takes an `AbortSignal` per
 * call, and terminates the worker after `idleMs` without calls (its wasm memory goes with it).
 *
 * @example
 * const probe = new WorkerClient<ProbeMessage, ProbeResult>(
 * 	() => new Worker(new URL('./probe.worker.ts', import.meta.url), { type: 'module' })
 * );
 * const features = await probe.call({ type: 'probe' });
 */
export class WorkerClient<M extends object, R> {
	#worker: Worker | undefined;
	#nextId = 1;
	#pending = new Map<number, Pending>();
	#idleTimer: ReturnType<typeof setTimeout> | undefined;

	constructor(
		private readonly create: () => Worker,
		private readonly idleMs = 30_000
	) {}

	/** Sends one request; rejects with {@link VisionWorkerError} (`aborted`, `worker_crashed`, …). */
	call(message: M, opts: { signal?: AbortSignal; transfer?: Transferable[] } = {}): Promise<R> {
		const { signal, transfer = [] } = opts;
		if (signal?.aborted) return Promise.reject(new VisionWorkerError('aborted', 'aborted'));
		const worker = this.#start();
		const id = this.#nextId++;
		clearTimeout(this.#idleTimer);
		return new Promise<R>((resolve, reject) => {
			const onAbort = () => {
				this.#pending.delete(id);
				reject(new VisionWorkerError('aborted', 'aborted'));
			};
			signal?.addEventListener('abort', onAbort, { once: true });
			this.#pending.set(id, {
				resolve: (v) => {
					signal?.removeEventListener('abort', onAbort);
					resolve(v as R);
				},
				reject: (e) => {
					signal?.removeEventListener('abort', onAbort);
					reject(e);
				}
			});
			const request: WorkerRequest<M> = { id, ...message };
			worker.postMessage(request, transfer);
		});
	}

	/** Stops the worker now; pending calls reject with `aborted`. */
	terminate(): void {
		this.#worker?.terminate();
		this.#worker = undefined;
		this.#failAll(new VisionWorkerError('aborted', 'worker terminated'));
	}

	#start(): Worker {
		if (this.#worker) return this.#worker;
		const worker = this.create();
		worker.onmessage = (event: MessageEvent<WorkerReply<R>>) => this.#onReply(event.data);
		worker.onerror = (event) => {
			event.preventDefault();
			this.#worker?.terminate();
			this.#worker = undefined;
			this.#failAll(new VisionWorkerError('worker_crashed', event.message || 'worker crashed'));
		};
		this.#worker = worker;
		return worker;
	}

	#onReply(reply: WorkerReply<R>): void {
		const pending = this.#pending.get(reply.id);
		if (!pending) return; // aborted meanwhile
		this.#pending.delete(reply.id);
		if ('error' in reply)
			pending.reject(new VisionWorkerError(reply.error.code, reply.error.message));
		else pending.resolve(reply.result);
		if (this.#pending.size === 0) {
			this.#idleTimer = setTimeout(() => this.terminate(), this.idleMs);
		}
	}

	#failAll(err: VisionWorkerError): void {
		for (const p of this.#pending.values()) p.reject(err);
		this.#pending.clear();
	}
}
