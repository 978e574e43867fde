/**
 * The page's journey as reactive state: loaded from the encrypted store once, every answer saved
 * at once (so a reload or a closed tab loses nothing), and the queued submission retried when the
 * device comes online.
 */
import { DB_NAME } from '$lib/store/db-name.ts';
import type { JourneyData } from './types.ts';

/** The encrypted store (Dexie + WebCrypto) is loaded on demand: a first visit does not need it. */
async function store() {
	const [{ db }, persist] = await Promise.all([import('$lib/store/db.ts'), import('./persist.ts')]);
	return { db: db(), ...persist };
}

/** True when this device may hold a journey (its database exists, or the browser cannot tell). */
async function mayHaveJourney(): Promise<boolean> {
	const dbs = await globalThis.indexedDB?.databases?.().catch(() => undefined);
	return !dbs || dbs.some((d) => d.name === DB_NAME);
}

class JourneySession {
	id = $state('');
	data: JourneyData = $state({ startedAt: 0 });
	loaded = $state(false);
	sending = $state(false);
	saveError = $state<{ zh: string; en: string } | undefined>();
	#loading: Promise<void> | undefined;

	/** Loads the device's journey (once per page). */
	load(): Promise<void> {
		this.#loading ??= (async () => {
			let j: { id: string; data: JourneyData };
			if (await mayHaveJourney()) {
				const { db, loadJourney } = await store();
				j = await loadJourney(db);
			} else j = { id: crypto.randomUUID(), data: { startedAt: Date.now() } };
			this.id = j.id;
			this.data = j.data;
			this.loaded = true;
		})();
		return this.#loading;
	}

	/** Merges `patch` into the journey and stores it sealed. */
	async update(patch: Partial<JourneyData>): Promise<void> {
		this.data = { ...this.data, ...patch };
		try {
			const { db, saveJourney } = await store();
			await saveJourney(db, this.id, $state.snapshot(this.data) as JourneyData);
			this.saveError = undefined;
		} catch (e) {
			const err = e as { zh?: string; en?: string };
			this.saveError = { zh: err.zh ?? '保存失败', en: err.en ?? 'Could not save on this device' };
		}
	}

	/** Sends (or re-sends) the signed application; a no-op when already sent or in flight. */
	async send(): Promise<void> {
		if (this.sending || !this.data.submission || this.data.submission.state === 'sent') return;
		this.sending = true;
		try {
			// Loaded when needed: the validation schema is not part of the wizard's first download.
			const [{ sendSubmission }, { submissionPhotos }, { db }] = await Promise.all([
				import('./send.ts'),
				import('./photos.ts'),
				store()
			]);
			// The card photos sealed by the capture flow go with it (none: the form alone is sent).
			const photos = await submissionPhotos(db).catch(() => ({}));
			const next = await sendSubmission($state.snapshot(this.data) as JourneyData, fetch, photos);
			await this.update(next);
		} finally {
			this.sending = false;
		}
	}

	/** Forgets this device's journey and starts a new one. */
	async restart(): Promise<void> {
		const { db, discardJourney } = await store();
		await discardJourney(db, this.id);
		this.#loading = undefined;
		this.loaded = false;
		await this.load();
	}
}

/** The one journey of this page. */
export const journey = new JourneySession();
