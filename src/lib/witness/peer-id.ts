/** A booking party of a witness call. */
export type WitnessParty = 'customer' | 'agent';

/**
 * The PeerJS id of a booking's party. Must equal `witnessPeerId` in
 * `server/signalling/authority.ts` (a server test checks it): the server grants exactly this id.
 */
export function witnessPeerId(bookingId: string, party: WitnessParty): string {
	return `kw-${bookingId}-${party}`;
}

/** The credential carried in a join link's fragment (`#t=…`), never sent in a request URL. */
export function credentialFromHash(hash: string): string | null {
	const t = new URLSearchParams(hash.replace(/^#/, '')).get('t');
	return t && /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(t) ? t : null;
}
