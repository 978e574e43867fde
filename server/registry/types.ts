/**
 * Registry verification (the four modes of the 云脉 identity-verification spec):
 * 1 name + ID number; 2 + live photo; 3 + validity period; 4 + validity + live photo.
 */
export type RegistryMode = 1 | 2 | 3 | 4;

export interface RegistryQuery {
	mode: RegistryMode;
	name: string;
	idNumber: string;
	/** Modes 3 and 4: the validity period printed on the card (`validTo` null = 长期). */
	validFrom?: string | undefined;
	validTo?: string | null | undefined;
	/** Modes 2 and 4: the live photo (JPEG/PNG bytes). */
	photo?: Uint8Array | undefined;
}

/** Result codes. `same_person` is the pass for every mode (for 1 and 3: the identity matches). */
export type RegistryCode =
	| 'same_person'
	| 'different_person'
	| 'no_such_number'
	| 'name_number_mismatch'
	| 'validity_mismatch'
	| 'photo_quality_poor'
	| 'no_face_detected'
	| 'no_registry_photo';

export interface RegistryResult {
	code: RegistryCode;
	/** Face similarity for photo modes, when a comparison ran. */
	score?: number | undefined;
}

/** What every registry implementation (embedded, HTTP provider) offers. */
export interface RegistryAdapter {
	readonly name: string;
	verify(query: RegistryQuery): Promise<RegistryResult>;
}

/** The provider could not answer (timeout, 5xx, circuit open): the caller retries or escalates. */
export class RegistryUnavailableError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'RegistryUnavailableError';
	}
}

/** Codes that pass, codes a human must look at, and codes that are a definite failure. */
export function classify(code: RegistryCode): 'pass' | 'manual' | 'fail' {
	if (code === 'same_person') return 'pass';
	if (code === 'no_registry_photo' || code === 'photo_quality_poor' || code === 'no_face_detected')
		return 'manual';
	return 'fail';
}
