import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import {
	otherRole,
	witnessPeerId,
	type SignallingAuthority,
	type VerifyResult,
	type WitnessRole
} from './authority.ts';

/** Longest lifetime a credential may be issued for: it only has to open a socket. */
export const MAX_CREDENTIAL_TTL_MS = 30 * 60_000;
export const DEFAULT_CREDENTIAL_TTL_MS = 10 * 60_000;

const BOOKING_ID = /^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/;

const claimsSchema = z.object({
	v: z.literal(1),
	b: z.string().regex(BOOKING_ID).max(64),
	r: z.enum(['customer', 'agent']),
	/** Expiry, ms since the epoch. */
	e: z.number().int().positive(),
	/** Nonce: two credentials for the same party never look alike. */
	n: z.string().max(32)
});

export interface IssueRequest {
	bookingId: string;
	role: WitnessRole;
	ttlMs?: number;
	now?: number;
}

/**
 * HMAC-SHA256 signed credentials: `base64url(claims).base64url(mac)`, URL-safe because the
 * peerjs client puts the token into the socket URL unencoded. The secret must be shared by all
 * instances behind one Redis.
 *
 * @example
 * const auth = new HmacAuthority(secret);
 * const token = auth.issue({ bookingId: 'b1', role: 'customer' });
 * auth.verify(token, witnessPeerId('b1', 'customer')); // { ok: true, grant: { … } }
 */
export class HmacAuthority implements SignallingAuthority {
	readonly #secret: Buffer;

	constructor(secret: string | Buffer) {
		this.#secret = Buffer.isBuffer(secret) ? secret : Buffer.from(secret, 'utf8');
		if (this.#secret.length < 32) throw new Error('signalling secret must be at least 32 bytes');
	}

	/** Issues a credential for one party of one booking. Callers must have checked who asks. */
	issue({ bookingId, role, ttlMs = DEFAULT_CREDENTIAL_TTL_MS, now = Date.now() }: IssueRequest) {
		if (!BOOKING_ID.test(bookingId) || bookingId.length > 64) throw new Error('invalid booking id');
		const ttl = Math.min(Math.max(ttlMs, 1), MAX_CREDENTIAL_TTL_MS);
		const claims = {
			v: 1,
			b: bookingId,
			r: role,
			e: now + ttl,
			n: randomBytes(9).toString('base64url')
		};
		const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
		return `${body}.${this.#mac(body)}`;
	}

	verify(credential: string, peerId: string, now = Date.now()): VerifyResult {
		const [body, mac, extra] = credential.split('.');
		if (!body || !mac || extra !== undefined || credential.length > 512) {
			return { ok: false, code: 'malformed' };
		}
		const want = Buffer.from(this.#mac(body), 'base64url');
		const got = Buffer.from(mac, 'base64url');
		if (got.length !== want.length || !timingSafeEqual(got, want)) {
			return { ok: false, code: 'bad_signature' };
		}
		let claims: z.infer<typeof claimsSchema>;
		try {
			claims = claimsSchema.parse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
		} catch {
			return { ok: false, code: 'malformed' };
		}
		if (claims.e <= now) return { ok: false, code: 'expired' };
		const own = witnessPeerId(claims.b, claims.r);
		if (own !== peerId) return { ok: false, code: 'wrong_peer' };
		return {
			ok: true,
			grant: {
				bookingId: claims.b,
				role: claims.r,
				peerId: own,
				counterpartId: witnessPeerId(claims.b, otherRole(claims.r))
			}
		};
	}

	#mac(body: string): string {
		return createHmac('sha256', this.#secret).update(body).digest('base64url');
	}
}
