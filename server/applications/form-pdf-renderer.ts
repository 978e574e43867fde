/**
 * Where the submission job renders the form PDF: on a worker thread in the server
 * ({@link WorkerFormPdfRenderer}), so the API's thread keeps answering while forms are set; in
 * the calling thread in tests and CLIs ({@link inThreadFormPdf}). Both run the same
 * `buildFormPdf`, so the bytes (and the stored sha256) do not depend on which one ran.
 */
import { Worker } from 'node:worker_threads';
import { buildFormPdf, type FormPdf } from './form-pdf.ts';
import type { RenderErrorCode, RenderReply, RenderRequest } from './form-pdf-protocol.ts';

/** `buildFormPdf`'s arguments: application id, fields, signature PNG, risk rating, signing time. */
export type FormPdfArgs = Parameters<typeof buildFormPdf>;

export interface FormPdfRenderer {
	render(...args: FormPdfArgs): Promise<FormPdf>;
	/** Stops the renderer's thread, if it has one (a later `render` starts it again). */
	close(): Promise<void>;
}

/** A render that did not produce a PDF, with the worker's typed code. */
export class FormPdfRenderError extends Error {
	constructor(
		readonly code: RenderErrorCode,
		message: string
	) {
		super(message);
		this.name = 'FormPdfRenderError';
	}
}

/** Renders on the calling thread (tests, CLIs: nothing else waits on that thread). */
export const inThreadFormPdf: FormPdfRenderer = {
	render: buildFormPdf,
	close: async () => undefined
};

interface Pending {
	resolve(pdf: FormPdf): void;
	reject(err: Error): void;
}

export interface WorkerFormPdfOptions {
	/**
	 * Worker threads rendering side by side (default 1). A form is a few tens of milliseconds of
	 * CPU, so one thread caps the forms per second at what one core renders; the server sets
	 * this from the cores it has (`KAIHU_FORM_PDF_THREADS`).
	 */
	threads?: number;
	/** A thread without work for this long stops (default 60 s; the next render starts it). */
	idleMs?: number;
}

/**
 * Renders on worker threads, each started on the first render it gets and stopped after `idleMs`
 * without work (the font is parsed again on the next start, about a second). A render goes to
 * the thread with the fewest in flight. A thread that dies fails its renders with `worker_lost`
 * (the job retries) and the next render starts a new one.
 *
 * @example
 * const pdfs = new WorkerFormPdfRenderer(FORM_PDF_WORKER_URL, { threads: 2 });
 * const { bytes, sha256 } = await pdfs.render(id, fields, signaturePng, 'low', signedAt);
 * await pdfs.close();
 */
export class WorkerFormPdfRenderer implements FormPdfRenderer {
	private readonly threads: RenderThread[];

	/** @param url the worker's entry, `form-pdf.worker.mjs` */
	constructor(url: URL, opts: WorkerFormPdfOptions = {}) {
		const n = Math.max(1, Math.floor(opts.threads ?? 1));
		this.threads = Array.from({ length: n }, () => new RenderThread(url, opts.idleMs ?? 60_000));
	}

	render(...args: FormPdfArgs): Promise<FormPdf> {
		const idlest = this.threads.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
		return idlest.render(...args);
	}

	async close(): Promise<void> {
		await Promise.all(this.threads.map((t) => t.close()));
	}
}

/** One worker thread and its renders in flight, matched to their answers by id. */
class RenderThread {
	private worker: Worker | undefined;
	private nextId = 1;
	private readonly pending = new Map<number, Pending>();
	private idleTimer: ReturnType<typeof setTimeout> | undefined;

	constructor(
		private readonly url: URL,
		private readonly idleMs: number
	) {}

	get inFlight(): number {
		return this.pending.size;
	}

	render(...[applicationId, fields, signaturePng, risk, signedAt]: FormPdfArgs): Promise<FormPdf> {
		const worker = this.start();
		clearTimeout(this.idleTimer);
		const id = this.nextId++;
		const req: RenderRequest = {
			id,
			applicationId,
			fields,
			signaturePng,
			risk,
			signedAt: signedAt.toISOString()
		};
		return new Promise<FormPdf>((resolve, reject) => {
			this.pending.set(id, { resolve, reject });
			// While a render is out, the worker keeps the process alive; when idle it does not.
			worker.ref();
			worker.postMessage(req);
		});
	}

	async close(): Promise<void> {
		clearTimeout(this.idleTimer);
		const worker = this.worker;
		if (!worker) return;
		this.lost(worker, 'renderer closed');
		await worker.terminate();
	}

	private start(): Worker {
		if (this.worker) return this.worker;
		const worker = new Worker(this.url);
		worker.unref();
		worker.on('message', (reply: RenderReply) => this.settle(worker, reply));
		worker.on('error', (err) => this.lost(worker, err.message));
		worker.on('exit', (code) => this.lost(worker, `worker exited with ${code}`));
		this.worker = worker;
		return worker;
	}

	private settle(worker: Worker, reply: RenderReply): void {
		const p = this.pending.get(reply.id);
		if (!p) return;
		this.pending.delete(reply.id);
		if ('error' in reply) p.reject(new FormPdfRenderError(reply.error.code, reply.error.message));
		else p.resolve({ bytes: reply.bytes, sha256: reply.sha256 });
		if (this.pending.size === 0 && this.worker === worker) {
			worker.unref();
			this.idleTimer = setTimeout(() => void this.close(), this.idleMs);
			this.idleTimer.unref();
		}
	}

	/** The worker is gone (crashed, exited, closed): its renders fail, the next render starts anew. */
	private lost(worker: Worker, reason: string): void {
		if (this.worker !== worker) return;
		this.worker = undefined;
		const pending = [...this.pending.values()];
		this.pending.clear();
		for (const p of pending) p.reject(new FormPdfRenderError('worker_lost', reason));
	}
}
