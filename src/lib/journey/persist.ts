/**
 * The wizard's one application on this device, sealed in the `applications` table (through
 * `$lib/store/applications.ts`); the settings table remembers which id is current. The stored
 * status is the current step (in clear, no PII), for the branch/outbox lists.
 */
import { loadApplication, saveApplication, forgetApplication } from '$lib/store/applications.ts';
import type { KaihuDb } from '$lib/store/db.ts';
import { StoreError } from '$lib/store/errors.ts';
import { getSetting, setSetting } from '$lib/store/settings.ts';
import { currentStep } from './steps.ts';
import type { JourneyData } from './types.ts';

const CURRENT_KEY = 'journey.current';

/** The device's current journey, or a new empty one (not saved until something is answered). */
export async function loadJourney(
	db: KaihuDb,
	now = Date.now()
): Promise<{ id: string; data: JourneyData }> {
	const id = await getSetting<string | null>(db, CURRENT_KEY, null);
	if (id) {
		try {
			const row = await loadApplication(db, id);
			return { id, data: row.data as unknown as JourneyData };
		} catch (e) {
			if (!(e instanceof StoreError && e.code === 'not_found')) throw e;
		}
	}
	return { id: crypto.randomUUID(), data: { startedAt: now } };
}

/** Seals and stores the journey; its status is the step it resumes at. */
export async function saveJourney(db: KaihuDb, id: string, data: JourneyData): Promise<void> {
	await saveApplication(db, id, currentStep(data), data as unknown as Record<string, unknown>);
	await setSetting(db, CURRENT_KEY, id);
}

/** Starts over: removes the local copy (the server keeps what was submitted). */
export async function discardJourney(db: KaihuDb, id: string): Promise<void> {
	await forgetApplication(db, id);
	await setSetting(db, CURRENT_KEY, null);
}
