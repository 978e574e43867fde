/**
 * When to speak what, for the large-text voice prompts: a page title is spoken at once
 * (interrupting), a hint (e.g. the card guidance, which changes with every analysed frame) only
 * once it stayed the same for `settleMs`, never over another prompt (it waits and the latest
 * wins), and not again within `repeatMs`. Pure scheduling: speech and the clock are injected.
 */
export interface PrompterDeps {
	/** Speaks, replacing anything being spoken; resolves when done (never rejects). */
	speak(text: string): Promise<void>;
	/** Stops speaking. */
	hush(): void;
	now(): number;
	setTimer(fn: () => void, ms: number): unknown;
	clearTimer(handle: unknown): void;
}

export interface PrompterTiming {
	settleMs: number;
	repeatMs: number;
}

export class VoicePrompter {
	readonly #deps: PrompterDeps;
	readonly #timing: PrompterTiming;
	/** Bumped per utterance: only the latest one's end may free the voice. */
	#generation = 0;
	#busy = false;
	#settle: unknown;
	#pending: string | undefined;
	#lastHint: { text: string; at: number } | undefined;
	#stopped = false;

	constructor(deps: PrompterDeps, timing: PrompterTiming) {
		this.#deps = deps;
		this.#timing = timing;
	}

	/** A new page or step title: spoken now, dropping any hint still waiting. */
	title(text: string): void {
		if (this.#stopped || !text) return;
		this.#deps.clearTimer(this.#settle);
		this.#pending = undefined;
		this.#say(text);
	}

	/** A hint that changed: spoken once it settles, after what is being said. Empty: none now. */
	hint(text: string): void {
		if (this.#stopped) return;
		this.#deps.clearTimer(this.#settle);
		if (!text) {
			this.#pending = undefined;
			return;
		}
		this.#settle = this.#deps.setTimer(() => this.#settled(text), this.#timing.settleMs);
	}

	/** Stops speaking and forgets everything waiting. */
	stop(): void {
		this.#stopped = true;
		this.#deps.clearTimer(this.#settle);
		this.#pending = undefined;
		this.#generation++;
		this.#deps.hush();
	}

	#settled(text: string): void {
		const last = this.#lastHint;
		if (last && last.text === text && this.#deps.now() - last.at < this.#timing.repeatMs) return;
		if (this.#busy) this.#pending = text;
		else this.#sayHint(text);
	}

	#sayHint(text: string): void {
		this.#lastHint = { text, at: this.#deps.now() };
		this.#say(text);
	}

	#say(text: string): void {
		const generation = ++this.#generation;
		this.#busy = true;
		void this.#deps.speak(text).then(() => {
			if (generation !== this.#generation || this.#stopped) return;
			this.#busy = false;
			const next = this.#pending;
			this.#pending = undefined;
			if (next !== undefined) this.#sayHint(next);
		});
	}
}
