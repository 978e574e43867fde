/**
 * Who may open which peer id and whom they may signal. Bookings are owned elsewhere; signalling
 * only sees a {@link SignallingAuthority}, so a booking module can plug in its own checks.
 */

/** The two parties of a witness call. */
export type WitnessRole = 'customer' | 'agent';

/** What a verified credential grants: one peer id, in one booking, allowed to reach one peer. */
export interface Grant {
	bookingId: string;
	role: WitnessRole;
	/** The id this connection may open. */
	peerId: string;
	/** The only peer id this connection may signal: the other party of the same booking. */
	counterpartId: string;
}

/** Why a credential was refused. Never sent in detail to the client (one generic ERROR). */
export type CredentialError = 'malformed' | 'bad_signature' | 'expired' | 'wrong_peer';

export type VerifyResult = { ok: true; grant: Grant } | { ok: false; code: CredentialError };

/** Verifies the `token` a PeerJS client presents when opening `peerId`. */
export interface SignallingAuthority {
	verify(credential: string, peerId: string, now?: number): VerifyResult;
}

/**
 * The peer id a booking's party uses. Only `[A-Za-z0-9]` runs joined by single `-`/`_`: that is
 * what the peerjs client accepts as an id.
 */
export function witnessPeerId(bookingId: string, role: WitnessRole): string {
	return `kw-${bookingId}-${role}`;
}

/** The other party of a call. */
export function otherRole(role: WitnessRole): WitnessRole {
	return role === 'customer' ? 'agent' : 'customer';
}
