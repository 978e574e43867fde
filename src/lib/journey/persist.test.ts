import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type KaihuDb } from '$lib/store/db.ts';
import { discardJourney, loadJourney, saveJourney } from './persist.ts';
import { currentStep } from './steps.ts';

const opened: KaihuDb[] = [];
function device(factory = new IDBFactory()): KaihuDb {
	const db = openDb('kaihu-journey-test', { indexedDB: factory, IDBKeyRange });
	opened.push(db);
	return db;
}
afterEach(() => {
	for (const db of opened.splice(0)) db.close();
});

describe('the journey on the device', () => {
	it('is new on a fresh device and resumes where it was left after a restart', async () => {
		const factory = new IDBFactory();
		const first = device(factory);
		const j = await loadJourney(first, 5);
		expect(j.data).toEqual({ startedAt: 5 });
		const data = {
			...j.data,
			consent: { terms: true, at: 6 },
			faceConsent: 'given' as const,
			basic: { phone: '13800138000' }
		};
		await saveJourney(first, j.id, data);
		first.close();

		const again = await loadJourney(device(factory)); // the same device days later
		expect(again.id).toBe(j.id);
		expect(again.data).toEqual(data);
		expect(currentStep(again.data)).toBe('id');
	});

	it('keeps PII sealed: the row holds the step in clear and ciphertext, not the phone number', async () => {
		const db = device();
		const j = await loadJourney(db);
		await saveJourney(db, j.id, { ...j.data, basic: { phone: '13912345678' } });
		const row = await db.applications.get(j.id);
		expect(row?.status).toBe('welcome');
		expect(JSON.stringify(row)).not.toContain('13912345678');
	});

	it('starts over after discarding', async () => {
		const db = device();
		const j = await loadJourney(db);
		await saveJourney(db, j.id, { ...j.data, basic: { phone: '13800138000' } });
		await discardJourney(db, j.id);
		const fresh = await loadJourney(db, 9);
		expect(fresh.id).not.toBe(j.id);
		expect(fresh.data).toEqual({ startedAt: 9 });
	});
});
