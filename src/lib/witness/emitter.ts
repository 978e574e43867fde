/** A minimal typed event emitter (listeners never throw into the emitter). */
export class Emitter<Events extends Record<string, unknown>> {
	readonly #listeners = new Map<keyof Events, Set<(value: never) => void>>();

	/** Subscribes; returns the unsubscribe function. */
	on<K extends keyof Events>(event: K, listener: (value: Events[K]) => void): () => void {
		let set = this.#listeners.get(event);
		if (!set) this.#listeners.set(event, (set = new Set()));
		set.add(listener as (value: never) => void);
		return () => set.delete(listener as (value: never) => void);
	}

	protected emit<K extends keyof Events>(event: K, value: Events[K]): void {
		for (const l of this.#listeners.get(event) ?? []) {
			try {
				(l as (value: Events[K]) => void)(value);
			} catch (err) {
				console.error(err);
			}
		}
	}
}
