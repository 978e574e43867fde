/**
 * The robot Q&A as a small state machine with its side effects injected (speech, recorder,
 * saving, timers), so the flow is unit-tested without a browser: each question is spoken (text
 * always shown by the page), then the answer is recorded until "next" or the time limit; "repeat"
 * discards the answer in progress and asks again. Each finished answer is saved (queued in the
 * outbox) before the next question; after the last one the session is closed.
 */
import type { RobotQuestion } from './script.ts';

export type RobotPhase = 'ready' | 'asking' | 'answering' | 'saving' | 'done' | 'failed';

/** A saved answer as the device stored it (sha256 of the recording bytes). */
export interface SavedAnswer {
	questionId: string;
	sha256: string;
	bytes: number;
	durationMs: number;
}

/** A recording in progress. */
export interface AnswerRecording {
	stop(): Promise<Blob>;
	cancel(): void;
}

export interface RobotRunnerDeps {
	/** Speaks a question; resolves when done, failed or aborted (never rejects). */
	speak(question: RobotQuestion, signal: AbortSignal): Promise<void>;
	record(): AnswerRecording;
	save(
		question: RobotQuestion,
		index: number,
		blob: Blob,
		durationMs: number
	): Promise<SavedAnswer>;
	finish(answered: readonly SavedAnswer[]): Promise<void>;
	/** Seconds allowed for an answer (the page may stretch it in large-text mode). */
	answerSeconds?(question: RobotQuestion): number;
	now?(): number;
}

export interface RobotState {
	phase: RobotPhase;
	/** The current question (0-based). */
	index: number;
	/** When the current answer's time runs out (ms since the epoch), while answering. */
	deadline: number | null;
	saved: SavedAnswer[];
	/** How often each question was asked again. */
	repeats: number[];
	error: 'save_failed' | null;
}

/**
 * @example
 * const run = new RobotRunner(questions, deps, (s) => (state = s));
 * run.start(); // asks question 1
 * run.next(); // the customer finished answering
 */
export class RobotRunner {
	readonly #questions: readonly RobotQuestion[];
	readonly #deps: RobotRunnerDeps;
	readonly #onState: (s: RobotState) => void;
	#state: RobotState;
	#recording: AnswerRecording | null = null;
	#startedAt = 0;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#speech: AbortController | null = null;
	/** Bumped on every (re)ask: completions of superseded steps are ignored. */
	#generation = 0;

	constructor(
		questions: readonly RobotQuestion[],
		deps: RobotRunnerDeps,
		onState: (s: RobotState) => void
	) {
		this.#questions = questions;
		this.#deps = deps;
		this.#onState = onState;
		this.#state = {
			phase: 'ready',
			index: 0,
			deadline: null,
			saved: [],
			repeats: questions.map(() => 0),
			error: null
		};
	}

	get state(): RobotState {
		return this.#state;
	}

	start(): void {
		if (this.#state.phase === 'ready') void this.#ask(0);
	}

	/** Asks the current question again; an answer being recorded is discarded. */
	repeat(): void {
		const { phase, index } = this.#state;
		if (phase !== 'asking' && phase !== 'answering') return;
		const repeats = [...this.#state.repeats];
		repeats[index] = (repeats[index] ?? 0) + 1;
		this.#set({ repeats });
		void this.#ask(index);
	}

	/** The customer finished answering (also what the time limit does). */
	next(): void {
		if (this.#state.phase === 'answering') void this.#finishAnswer(this.#generation);
	}

	/** Saving failed: try the same answer's question again. */
	retry(): void {
		if (this.#state.phase === 'failed') void this.#ask(this.#state.index);
	}

	dispose(): void {
		this.#generation++;
		this.#stopAll();
	}

	#now(): number {
		return this.#deps.now?.() ?? Date.now();
	}

	#set(change: Partial<RobotState>): void {
		this.#state = { ...this.#state, ...change };
		this.#onState(this.#state);
	}

	#stopAll(): void {
		clearTimeout(this.#timer);
		this.#speech?.abort();
		this.#speech = null;
		this.#recording?.cancel();
		this.#recording = null;
	}

	async #ask(index: number): Promise<void> {
		const question = this.#questions[index];
		if (!question) return;
		const generation = ++this.#generation;
		this.#stopAll();
		this.#set({ phase: 'asking', index, deadline: null, error: null });
		const speech = new AbortController();
		this.#speech = speech;
		await this.#deps.speak(question, speech.signal);
		if (generation !== this.#generation) return;
		this.#speech = null;
		const seconds = this.#deps.answerSeconds?.(question) ?? question.answerSeconds;
		this.#recording = this.#deps.record();
		this.#startedAt = this.#now();
		this.#timer = setTimeout(() => void this.#finishAnswer(generation), seconds * 1000);
		this.#set({ phase: 'answering', deadline: this.#startedAt + seconds * 1000 });
	}

	async #finishAnswer(generation: number): Promise<void> {
		if (generation !== this.#generation || this.#state.phase !== 'answering') return;
		const recording = this.#recording;
		if (!recording) return;
		this.#recording = null;
		clearTimeout(this.#timer);
		const index = this.#state.index;
		const question = this.#questions[index] as RobotQuestion;
		const durationMs = Math.max(0, this.#now() - this.#startedAt);
		this.#set({ phase: 'saving', deadline: null });
		try {
			const blob = await recording.stop();
			const saved = await this.#deps.save(question, index, blob, durationMs);
			if (generation !== this.#generation) return;
			const all = [...this.#state.saved.filter((s) => s.questionId !== saved.questionId), saved];
			this.#set({ saved: all });
			if (index + 1 < this.#questions.length) {
				void this.#ask(index + 1);
				return;
			}
			await this.#deps.finish(all);
			this.#set({ phase: 'done' });
		} catch {
			if (generation === this.#generation) this.#set({ phase: 'failed', error: 'save_failed' });
		}
	}
}
