/**
 * Records both sides of a witness call (each its own MediaRecorder) in time slices. Chunks go to
 * a callback and/or an async iterator; the offline outbox (another module) uploads them.
 */

export type RecordingSide = 'local' | 'remote';

export interface RecordingChunk {
	side: RecordingSide;
	/** 0, 1, 2 … per side; the server reassembles in this order. */
	seq: number;
	blob: Blob;
	mimeType: string;
	/** Wall-clock ms when this chunk was handed over. */
	at: number;
	/** The side's last chunk. */
	final: boolean;
}

/** The part of MediaRecorder we use, so tests can pass a fake. */
export interface RecorderLike {
	readonly mimeType: string;
	ondataavailable: ((e: { data: Blob }) => void) | null;
	onstop: (() => void) | null;
	start(timesliceMs?: number): void;
	stop(): void;
	readonly state: string;
}

export interface WitnessRecorderOptions {
	timesliceMs?: number;
	/** Kept close to the call's own caps: the upload must fit the same link. */
	videoBitsPerSecond?: number;
	audioBitsPerSecond?: number;
	onChunk?: (chunk: RecordingChunk) => void;
	createRecorder?: (stream: MediaStream, options: MediaRecorderOptions) => RecorderLike;
}

const MIME_TYPES = ['video/webm;codecs=vp8,opus', 'video/webm', 'video/mp4'];

/** The first container/codec this browser can record, or '' to let it choose. */
export function pickMimeType(): string {
	if (typeof MediaRecorder === 'undefined') return '';
	return MIME_TYPES.find((t) => MediaRecorder.isTypeSupported(t)) ?? '';
}

/**
 * @example
 * const rec = new WitnessRecorder({ onChunk: (c) => outbox.add(c) });
 * rec.record('local', localStream);
 * call.on('remote-stream', (s) => rec.record('remote', s));
 * await rec.stop();
 */
export class WitnessRecorder {
	readonly #o: Required<Omit<WitnessRecorderOptions, 'onChunk'>> &
		Pick<WitnessRecorderOptions, 'onChunk'>;
	readonly #recorders = new Map<
		RecordingSide,
		{ rec: RecorderLike; seq: number; done: Promise<void> }
	>();
	readonly #pending: RecordingChunk[] = [];
	#wake: (() => void) | null = null;
	#stopped = false;

	constructor(options: WitnessRecorderOptions = {}) {
		this.#o = {
			timesliceMs: 5000,
			videoBitsPerSecond: 150_000,
			audioBitsPerSecond: 32_000,
			// We only assign handlers taking `{ data }`, which a BlobEvent satisfies.
			createRecorder: (stream, opts) => new MediaRecorder(stream, opts) as unknown as RecorderLike,
			...options
		};
	}

	/** Starts recording one side; a side already recording is stopped and restarted (seq goes on). */
	record(side: RecordingSide, stream: MediaStream): void {
		if (this.#stopped) throw new Error('recorder stopped');
		const previous = this.#recorders.get(side);
		if (previous && previous.rec.state !== 'inactive') previous.rec.stop();
		const mimeType = pickMimeType();
		const rec = this.#o.createRecorder(stream, {
			...(mimeType ? { mimeType } : {}),
			videoBitsPerSecond: this.#o.videoBitsPerSecond,
			audioBitsPerSecond: this.#o.audioBitsPerSecond
		});
		const entry = { rec, seq: previous?.seq ?? 0, done: Promise.resolve() };
		let stopping = false;
		entry.done = new Promise<void>((resolve) => {
			rec.onstop = () => {
				stopping = true;
				resolve();
			};
		});
		rec.ondataavailable = (e) => {
			if (e.data.size === 0 && !stopping) return;
			// The chunk delivered right before onstop is the last one.
			this.#push({
				side,
				seq: entry.seq++,
				blob: e.data,
				mimeType: rec.mimeType || mimeType,
				at: Date.now(),
				final: rec.state === 'inactive'
			});
		};
		this.#recorders.set(side, entry);
		rec.start(this.#o.timesliceMs);
	}

	/** Stops every side and resolves once their last chunks were handed over. */
	async stop(): Promise<void> {
		this.#stopped = true;
		const all = [...this.#recorders.values()];
		for (const { rec } of all) if (rec.state !== 'inactive') rec.stop();
		await Promise.all(all.map((e) => e.done));
		this.#wake?.();
	}

	/** Chunks in the order they were produced; ends after {@link stop} once drained. */
	async *chunks(): AsyncGenerator<RecordingChunk> {
		for (;;) {
			const next = this.#pending.shift();
			if (next) {
				yield next;
				continue;
			}
			if (this.#stopped && [...this.#recorders.values()].every((e) => e.rec.state === 'inactive')) {
				return;
			}
			await new Promise<void>((resolve) => (this.#wake = resolve));
		}
	}

	#push(chunk: RecordingChunk): void {
		this.#o.onChunk?.(chunk);
		this.#pending.push(chunk);
		const wake = this.#wake;
		this.#wake = null;
		wake?.();
	}
}
