/**
 * The citizens the embedded registry is seeded with on first start: the people on the synthetic
 * ID cards (`npm run fixtures:cards`, the e2e card clip, the OCR benchmark sets), so a demo with a
 * generated card passes the registry check end to end, plus the older deterministic citizens of
 * ./synthetic.ts.
 *
 * The card generator (tests/fixtures/cards) prints `syntheticIdentity(seed, { now: CARD_DATE })`
 * from `src/lib/domain/synthetic.ts` for the seeds `set × 1000 + i`; this list holds sets
 * 1–{@link CARD_SETS} with {@link CARDS_PER_SET} cards each. No portraits: the cards' photos are
 * test-time fixtures that are not shipped, so photo modes answer `no_registry_photo` (manual review).
 */
import { syntheticIdentity } from '../../src/lib/domain/synthetic.ts';
import { LONG_TERM } from '../../src/lib/domain/validity.ts';
import type { CitizenRecord } from './embedded.ts';
import { syntheticCitizens } from './synthetic.ts';

/** The day the card generator fixes as "now" (tests/fixtures/cards/identity.ts `CARD_TODAY`). */
export const CARD_DATE = new Date('2026-11-23T04:00:00Z');
export const CARD_SETS = 30;
export const CARDS_PER_SET = 20;

/** The identity printed on the generated card with this seed, as a registry record. */
export function cardCitizen(seed: number): CitizenRecord {
	const s = syntheticIdentity(seed, { now: CARD_DATE });
	return {
		name: s.name,
		idNumber: s.idNumber,
		validFrom: s.validFrom,
		validTo: s.validTo === LONG_TERM ? null : s.validTo
	};
}

let memo: CitizenRecord[] | undefined;

/** Every seeded citizen, card people first (deduplicated by ID number). */
export function demoCitizens(): CitizenRecord[] {
	memo ??= build();
	return memo.map((c) => ({ ...c }));
}

function build(): CitizenRecord[] {
	const out = new Map<string, CitizenRecord>();
	for (let set = 1; set <= CARD_SETS; set++)
		for (let i = 0; i < CARDS_PER_SET; i++) {
			const c = cardCitizen(set * 1000 + i);
			if (!out.has(c.idNumber)) out.set(c.idNumber, c);
		}
	for (const c of syntheticCitizens()) if (!out.has(c.idNumber)) out.set(c.idNumber, c);
	return [...out.values()];
}
