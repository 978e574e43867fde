import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticIdentity } from '../../src/lib/domain/synthetic.ts';
import { PiiCipher, generateKey, parseKey } from '../security/pii.ts';
import type { Storage } from '../storage/index.ts';
import { backends } from '../storage/test-databases.ts';
import { CARD_DATE, cardCitizen, demoCitizens } from './demo-citizens.ts';
import { EmbeddedRegistry, seedCitizens } from './embedded.ts';

describe('demo citizens', () => {
	it('are the people on the generated cards, deterministic and unique', () => {
		const all = demoCitizens();
		expect(all.length).toBeGreaterThanOrEqual(600);
		expect(new Set(all.map((c) => c.idNumber)).size).toBe(all.length);
		expect(demoCitizens()).toEqual(all);
		const card = syntheticIdentity(21_000, { now: CARD_DATE });
		expect(all).toContainEqual({
			name: card.name,
			idNumber: card.idNumber,
			validFrom: card.validFrom,
			validTo: card.validTo === '长期' ? null : card.validTo
		});
	});
});

describe.each(backends())('first-start registry seed on $kind', ({ open }) => {
	let storage: Storage;
	beforeAll(async () => {
		storage = await open();
	});
	afterAll(async () => storage.close());

	it('a generated card passes modes 1 and 3; seeding twice adds nothing', async () => {
		const cipher = new PiiCipher(parseKey(generateKey(), 'demo'));
		const citizens = demoCitizens();
		expect(await seedCitizens(storage.db, cipher, citizens, new Date())).toBe(citizens.length);
		expect(await seedCitizens(storage.db, cipher, citizens, new Date())).toBe(0);
		const registry = new EmbeddedRegistry(storage.db, cipher);
		const c = cardCitizen(1_003);
		expect(await registry.verify({ mode: 1, name: c.name, idNumber: c.idNumber })).toEqual({
			code: 'same_person'
		});
		expect(
			await registry.verify({ mode: 3, ...c, validFrom: c.validFrom, validTo: c.validTo })
		).toEqual({ code: 'same_person' });
		// No portraits are shipped: photo modes go to a human.
		expect(
			await registry.verify({
				mode: 2,
				name: c.name,
				idNumber: c.idNumber,
				photo: new Uint8Array([1])
			})
		).toEqual({ code: 'no_registry_photo' });
	});
});
