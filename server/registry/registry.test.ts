import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKey, parseKey, PiiCipher } from '../security/pii.ts';
import type { Storage } from '../storage/index.ts';
import { backends } from '../storage/test-databases.ts';
import { harness, TINY_PNG, type Harness } from '../testing/harness.ts';
import { EmbeddedRegistry, seedCitizens, type CitizenRecord } from './embedded.ts';
import type { FaceComparator, FaceComparison } from './face.ts';
import { MAX_FAILURES_PER_ID, MAX_QUERIES_PER_CLIENT, verifyWithLimits } from './service.ts';
import { makeIdNumber, syntheticCitizens } from './synthetic.ts';
import { RegistryUnavailableError, type RegistryQuery } from './types.ts';

/** Fake comparator: the first byte of the live photo picks the outcome. */
const fakeFaces: FaceComparator = {
	threshold: 0.6,
	async compare(live: Uint8Array): Promise<FaceComparison> {
		if (live[0] === 1) return { kind: 'score', score: 0.9 };
		if (live[0] === 2) return { kind: 'score', score: 0.2 };
		if (live[0] === 3) return { kind: 'no_face' };
		return { kind: 'poor_quality' };
	}
};
const photo = (b: number) => new Uint8Array([b, 0, 0, 0]);

describe('synthetic citizens', () => {
	it('are deterministic, unique and carry valid ID numbers', () => {
		const a = syntheticCitizens(50);
		expect(syntheticCitizens(50)).toEqual(a);
		expect(new Set(a.map((c) => c.idNumber)).size).toBe(50);
	});
});

describe.each(backends())('embedded registry on $kind', ({ open }) => {
	let storage: Storage;
	let registry: EmbeddedRegistry;
	let noFaces: EmbeddedRegistry;
	const cipher = new PiiCipher(parseKey(generateKey(), 't'));
	const [withPhoto, withoutPhoto] = syntheticCitizens(2) as [CitizenRecord, CitizenRecord];
	beforeAll(async () => {
		storage = await open();
		await seedCitizens(
			storage.db,
			cipher,
			[{ ...withPhoto, portrait: new Uint8Array([9, 9, 9]) }, withoutPhoto],
			new Date()
		);
		registry = new EmbeddedRegistry(storage.db, cipher, fakeFaces);
		noFaces = new EmbeddedRegistry(storage.db, cipher);
	});
	afterAll(async () => storage.close());

	const q = (c: CitizenRecord, extra: Partial<RegistryQuery>): RegistryQuery => ({
		mode: 1,
		name: c.name,
		idNumber: c.idNumber,
		validFrom: c.validFrom,
		validTo: c.validTo,
		...extra
	});

	it('seeding twice adds nothing and stores no clear text', async () => {
		expect(await seedCitizens(storage.db, cipher, [withPhoto], new Date())).toBe(0);
		const rows = JSON.stringify(await storage.db.selectFrom('citizens').selectAll().execute());
		expect(rows).not.toContain(withPhoto.idNumber);
		expect(rows).not.toContain(withPhoto.name);
	});

	it.each([
		['mode 1 match', { mode: 1 }, 'same_person'],
		[
			'mode 1 unknown number',
			{ mode: 1, idNumber: makeIdNumber('110105', '19800101', 998) },
			'no_such_number'
		],
		['mode 1 wrong name', { mode: 1, name: '某某某' }, 'name_number_mismatch'],
		['mode 3 match', { mode: 3 }, 'same_person'],
		['mode 3 wrong validity', { mode: 3, validFrom: '2001-01-01' }, 'validity_mismatch'],
		['mode 3 wrong name', { mode: 3, name: '某某某' }, 'name_number_mismatch'],
		['mode 2 same face', { mode: 2, photo: photo(1) }, 'same_person'],
		['mode 2 other face', { mode: 2, photo: photo(2) }, 'different_person'],
		['mode 2 no face', { mode: 2, photo: photo(3) }, 'no_face_detected'],
		['mode 2 poor photo', { mode: 2, photo: photo(4) }, 'photo_quality_poor'],
		['mode 2 empty photo', { mode: 2, photo: new Uint8Array() }, 'photo_quality_poor'],
		['mode 4 same face', { mode: 4, photo: photo(1) }, 'same_person'],
		['mode 4 wrong validity', { mode: 4, photo: photo(1), validTo: null }, 'validity_mismatch'],
		['mode 4 other face', { mode: 4, photo: photo(2) }, 'different_person']
	] as const)('%s → %s', async (_l, extra, code) => {
		expect((await registry.verify(q(withPhoto, extra as Partial<RegistryQuery>))).code).toBe(code);
	});

	it('a citizen without a registry photo gives no_registry_photo in photo modes', async () => {
		expect((await registry.verify(q(withoutPhoto, { mode: 2, photo: photo(1) }))).code).toBe(
			'no_registry_photo'
		);
		expect((await registry.verify(q(withoutPhoto, { mode: 4, photo: photo(1) }))).code).toBe(
			'no_registry_photo'
		);
		expect((await registry.verify(q(withoutPhoto, { mode: 1 }))).code).toBe('same_person');
	});

	it('without a face comparator, photo modes go to a human (no_registry_photo)', async () => {
		expect((await noFaces.verify(q(withPhoto, { mode: 2, photo: photo(1) }))).code).toBe(
			'no_registry_photo'
		);
	});

	it('locks an ID number after repeated failures and limits each client', async () => {
		const deps = { storage, cipher, registry, now: () => new Date() };
		const wrong = q(withPhoto, { mode: 1, name: '猜名字' });
		for (let i = 0; i < MAX_FAILURES_PER_ID; i++) {
			expect(await verifyWithLimits(deps, `guesser-${i}`, wrong)).toMatchObject({
				kind: 'result',
				route: 'fail'
			});
		}
		// Even the right name from a new client now goes to manual review.
		expect(await verifyWithLimits(deps, 'honest', q(withPhoto, { mode: 1 }))).toEqual({
			kind: 'locked'
		});
		for (let i = 0; i < MAX_QUERIES_PER_CLIENT; i++)
			await verifyWithLimits(deps, 'busy', q(withoutPhoto, { mode: 1 }));
		expect(await verifyWithLimits(deps, 'busy', q(withoutPhoto, { mode: 1 }))).toEqual({
			kind: 'client_limited'
		});
	});
});

describe.each(backends())('registry in the API on $kind', ({ open }) => {
	let storage: Storage;
	let h: Harness;
	beforeAll(async () => {
		storage = await open();
		h = await harness(storage, { faceComparator: fakeFaces });
	});
	afterAll(async () => storage.close());

	it('staff verify in mode 4 with a photo and get the face score', async () => {
		const agent = await h.login('agent1');
		const c = h.citizens[0] as CitizenRecord;
		const res = await h.staffCall(agent, 'POST', '/api/registry/verify', {
			mode: 4,
			name: c.name,
			idNumber: c.idNumber,
			validFrom: c.validFrom,
			validTo: c.validTo,
			photo: TINY_PNG
		});
		// Seeded demo citizens have no portraits: a human compares the faces.
		expect(await res.json()).toMatchObject({ code: 'no_registry_photo', route: 'manual' });
	});

	it('a submission whose identity failed repeatedly goes to manual review', async () => {
		const c = h.citizens[1] as CitizenRecord;
		for (let i = 0; i < MAX_FAILURES_PER_ID; i++) {
			const a = await h.newApplication();
			const s = h.submission(1);
			const r = await h.customerCall(
				a.token,
				'POST',
				`/api/applications/${a.id}/submit`,
				{ ...s, applicant: { ...s.applicant, name: '王冒名' } },
				{ 'idempotency-key': `guess-${i}-xxxx` }
			);
			expect(await r.json()).toMatchObject({ state: 'submitted' });
			expect(await h.settle(a.id)).toMatchObject({ state: 'rejected' });
		}
		const a = await h.newApplication();
		const r = await h.customerCall(
			a.token,
			'POST',
			`/api/applications/${a.id}/submit`,
			h.submission(1),
			{ 'idempotency-key': 'honest-xxxx' }
		);
		expect(await r.json()).toMatchObject({
			state: 'submitted',
			registry: 'locked_repeated_failures'
		});
		expect(await h.settle(a.id)).toEqual({
			state: 'manual_review',
			reason: 'registry:locked_repeated_failures'
		});
		expect(c.name).toBeTruthy();
	});
});

describe.each(backends())('registry outage on $kind', ({ open }) => {
	let storage: Storage;
	let h: Harness;
	beforeAll(async () => {
		storage = await open();
		h = await harness(storage, {
			registry: {
				name: 'down',
				verify: () => Promise.reject(new RegistryUnavailableError('registry unavailable: timeout'))
			}
		});
	});
	afterAll(async () => storage.close());

	it('routes a submission to manual review when the registry cannot answer', async () => {
		const a = await h.newApplication();
		const r = await h.customerCall(
			a.token,
			'POST',
			`/api/applications/${a.id}/submit`,
			h.submission(0),
			{
				'idempotency-key': 'outage-1'
			}
		);
		expect(r.status).toBe(200);
		expect(await r.json()).toMatchObject({
			state: 'submitted',
			registry: 'registry_unavailable'
		});
		expect(await h.settle(a.id)).toEqual({
			state: 'manual_review',
			reason: 'registry:registry_unavailable'
		});
	});
});
