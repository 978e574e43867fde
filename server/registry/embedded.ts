/**
 * The embedded registry: a table of synthetic citizens (records and optional portraits encrypted
 * like all PII), seeded on first start so the product works out of the box.
 */
import type { Kysely } from 'kysely';
import type { PiiCipher } from '../security/pii.ts';
import type { Database } from '../storage/schema.ts';
import type { FaceComparator } from './face.ts';
import type { RegistryAdapter, RegistryQuery, RegistryResult } from './types.ts';

export interface CitizenRecord {
	name: string;
	idNumber: string;
	validFrom: string;
	validTo: string | null;
}

export class EmbeddedRegistry implements RegistryAdapter {
	readonly name = 'embedded';

	constructor(
		private readonly db: Kysely<Database>,
		private readonly cipher: PiiCipher,
		private readonly faces?: FaceComparator
	) {}

	async verify(q: RegistryQuery): Promise<RegistryResult> {
		const row = await this.db
			.selectFrom('citizens')
			.selectAll()
			.where('id_index', '=', this.cipher.blindIndex(q.idNumber))
			.executeTakeFirst();
		if (!row) return { code: 'no_such_number' };
		const citizen = this.cipher.decryptJson<CitizenRecord>(row.record);
		if (citizen.name !== q.name.trim()) return { code: 'name_number_mismatch' };
		if (
			(q.mode === 3 || q.mode === 4) &&
			(citizen.validFrom !== q.validFrom || citizen.validTo !== (q.validTo ?? null))
		)
			return { code: 'validity_mismatch' };
		if (q.mode === 1 || q.mode === 3) return { code: 'same_person' };
		if (!q.photo || q.photo.length === 0) return { code: 'photo_quality_poor' };
		// No portrait on file, or no comparator configured: a human compares the faces.
		if (!row.portrait || !this.faces) return { code: 'no_registry_photo' };
		const cmp = await this.faces.compare(q.photo, this.cipher.decryptBytes(row.portrait));
		if (cmp.kind === 'no_face') return { code: 'no_face_detected' };
		if (cmp.kind === 'poor_quality') return { code: 'photo_quality_poor' };
		return {
			code: cmp.score >= this.faces.threshold ? 'same_person' : 'different_person',
			score: cmp.score
		};
	}
}

/** Inserts citizens that are not there yet (idempotent; concurrent starts agree). */
export async function seedCitizens(
	db: Kysely<Database>,
	cipher: PiiCipher,
	citizens: readonly (CitizenRecord & { portrait?: Uint8Array })[],
	now: Date
): Promise<number> {
	let added = 0;
	// Batches: one round trip per 100 citizens (first start seeds hundreds).
	for (let i = 0; i < citizens.length; i += 100) {
		const rows = citizens.slice(i, i + 100).map((c) => ({
			id_index: cipher.blindIndex(c.idNumber),
			record: cipher.encryptJson({
				name: c.name,
				idNumber: c.idNumber,
				validFrom: c.validFrom,
				validTo: c.validTo
			}),
			portrait: c.portrait ? cipher.encrypt(c.portrait) : null,
			created_at: now.toISOString()
		}));
		const r = await db
			.insertInto('citizens')
			.values(rows)
			.onConflict((oc) => oc.column('id_index').doNothing())
			.executeTakeFirst();
		added += Number(r.numInsertedOrUpdatedRows ?? 0);
	}
	return added;
}
