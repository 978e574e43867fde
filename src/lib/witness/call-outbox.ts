/**
 * Spools a witness call's recordings into the device outbox: every chunk from
 * {@link WitnessRecorder} is sealed into the encrypted store at once, in segments of
 * {@link SEGMENT_CHUNKS} chunks (drafts). When a side stops (hang-up), its segments become final
 * `witness-recording` records that the sync runner uploads over tus when online — never during
 * the call, whose thin link they would otherwise compete for. A crash loses at most the chunk
 * being written; {@link recoverCallRecordings} queues what a
 * crashed page left in drafts. The server (`server/witness-recordings/`) links the segments to
 * the booking, verifying the call credential each carries.
 */
import { finalize, listDrafts, loadDraft, saveDraft } from '$lib/store/captures.ts';
import { db as sharedDb, type KaihuDb } from '$lib/store/db.ts';
import { recordQueued } from '$lib/store/sync/app.ts';
import type { WitnessParty } from './peer-id.ts';
import type { RecordingChunk, RecordingSide } from './recording.ts';

export const WITNESS_RECORDING_KIND = 'witness-recording';
/** Chunks per outbox record: 6 × 5 s slices ≈ 30 s ≈ 700 KB at the call's caps. */
export const SEGMENT_CHUNKS = 6;

/** The payload of one `witness-recording` record (its blobs are the segment's chunks in order). */
export interface WitnessRecordingPayload {
	/** One id per party and side: the server concatenates its segments in order. */
	recordingId: string;
	bookingId: string;
	/** Who recorded: the customer's or the agent's device. */
	role: WitnessParty;
	/** `local` = the recording party's own camera, `remote` = the other party as received. */
	side: RecordingSide;
	segment: number;
	/** The side's last segment. */
	final: boolean;
	mimeType: string;
	startedAt: number;
	/** The party's call credential: proves (by its signature) who recorded which booking. */
	credential: string;
}

export interface CallRecordingMeta {
	bookingId: string;
	role: WitnessParty;
	credential: string;
}

export interface SpoolDeps {
	db: KaihuDb;
	/** A record was queued (default: kick the sync runner). */
	queued: () => void;
}

interface SideState {
	recordingId: string;
	draftId: string | undefined;
	/** Closed segments (sealed drafts) not yet queued, oldest first. */
	closed: string[];
	segment: number;
	chunks: number;
	startedAt: number;
}

/**
 * @example
 * const spool = new CallRecordingSpool({ bookingId, role: 'customer', credential });
 * const recorder = new WitnessRecorder({ onChunk: (c) => spool.add(c) });
 * // on hang-up:
 * await recorder.stop();
 * await spool.flush();
 */
export class CallRecordingSpool {
	readonly #meta: CallRecordingMeta;
	readonly #deps: SpoolDeps;
	readonly #sides = new Map<RecordingSide, SideState>();
	#chain: Promise<void> = Promise.resolve();
	#queued = 0;
	#failed = 0;

	constructor(meta: CallRecordingMeta, deps: Partial<SpoolDeps> = {}) {
		this.#meta = meta;
		this.#deps = {
			db: deps.db ?? sharedDb(),
			queued: deps.queued ?? (() => void recordQueued())
		};
	}

	/** Records queued so far, and chunks that could not be stored (e.g. storage full). */
	get stats(): { queued: number; failed: number } {
		return { queued: this.#queued, failed: this.#failed };
	}

	/** Stores a chunk (in order; never throws — a failed write is counted in {@link stats}). */
	add(chunk: RecordingChunk): void {
		this.#chain = this.#chain.then(() =>
			this.#store(chunk).catch(() => {
				this.#failed++;
			})
		);
	}

	/** Waits for every chunk handed over so far, then queues each side's open segment. */
	async flush(): Promise<void> {
		await this.#chain;
		for (const side of this.#sides.values()) await this.#close(side, true);
	}

	async #store(chunk: RecordingChunk): Promise<void> {
		let side = this.#sides.get(chunk.side);
		if (!side) {
			side = {
				recordingId: crypto.randomUUID(),
				draftId: undefined,
				closed: [],
				segment: 0,
				chunks: 0,
				startedAt: chunk.at
			};
			this.#sides.set(chunk.side, side);
		}
		const payload: WitnessRecordingPayload = {
			recordingId: side.recordingId,
			bookingId: this.#meta.bookingId,
			role: this.#meta.role,
			side: chunk.side,
			segment: side.segment,
			final: chunk.final,
			mimeType: chunk.mimeType,
			startedAt: side.startedAt,
			credential: this.#meta.credential
		};
		side.draftId = await saveDraft(this.#deps.db, {
			...(side.draftId ? { id: side.draftId } : {}),
			kind: WITNESS_RECORDING_KIND,
			data: { ...payload },
			files: [
				{
					name: `${chunk.side}-${chunk.seq}.webm`,
					type: chunk.mimeType.split(';')[0] || 'video/webm',
					bytes: new Uint8Array(await chunk.blob.arrayBuffer())
				}
			]
		});
		side.chunks++;
		if (chunk.final || side.chunks >= SEGMENT_CHUNKS) await this.#close(side, chunk.final);
		// A side recorded again (e.g. the remote stream after a reconnect) is a new MediaRecorder
		// run with its own container header: a new recording, not more segments of this one.
		if (chunk.final) this.#sides.delete(chunk.side);
	}

	/**
	 * Closes the side's open segment. During the call a closed segment stays a sealed draft: were
	 * it queued, its upload would compete with the call for a thin link. When the side ends, all
	 * its segments enter the outbox in order.
	 */
	async #close(side: SideState, final: boolean): Promise<void> {
		const id = side.draftId;
		if (id) {
			if (final) {
				// The segment's data says final: false when its last chunk came before stop().
				const { data } = await loadDraft(this.#deps.db, id);
				if (data.final !== true)
					await saveDraft(this.#deps.db, {
						id,
						kind: WITNESS_RECORDING_KIND,
						data: { ...data, final: true }
					});
			}
			side.closed.push(id);
			side.draftId = undefined;
			side.segment++;
			side.chunks = 0;
		}
		if (!final || side.closed.length === 0) return;
		for (const draft of side.closed) {
			await finalize(this.#deps.db, draft, (_d, blobs) => blobs.length > 0);
			this.#queued++;
		}
		side.closed = [];
		this.#deps.queued();
	}
}

/** Queues recording segments a crashed or closed page left as drafts (call on the next open). */
export async function recoverCallRecordings(db: KaihuDb = sharedDb()): Promise<number> {
	let n = 0;
	for (const d of await listDrafts(db)) {
		if (d.kind !== WITNESS_RECORDING_KIND || d.blobs.length === 0) continue;
		await finalize(db, d.id);
		n++;
	}
	if (n > 0) void recordQueued();
	return n;
}

let recovered = false;

/**
 * The one-line hook for a call page: a {@link WitnessRecorder} `onChunk` handler that spools
 * every chunk into the outbox (each side's segments close by themselves when the recorder
 * stops). The first call also queues what an earlier, crashed page left behind.
 *
 * @example
 * recorder = new WitnessRecorder({ onChunk: spoolCallRecording({ bookingId, role, credential }) });
 */
export function spoolCallRecording(
	meta: CallRecordingMeta,
	also?: (chunk: RecordingChunk) => void
): (chunk: RecordingChunk) => void {
	if (!recovered) {
		recovered = true;
		void recoverCallRecordings().catch(() => undefined);
	}
	const spool = new CallRecordingSpool(meta);
	return (chunk) => {
		also?.(chunk);
		spool.add(chunk);
	};
}
