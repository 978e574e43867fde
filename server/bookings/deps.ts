/**
 * What the booking routes and the scheduler need beyond the server core: who issues call
 * credentials (the same authority the signalling verifies with), the notification channels and
 * the time limits. `server/index.ts` builds it; tests inject theirs; defaults fill the rest.
 */
import { randomBytes } from 'node:crypto';
import { HmacAuthority } from '../signalling/credentials.ts';
import type { WitnessRole } from '../signalling/authority.ts';
import type { CoreDeps } from '../deps.ts';
import { DevSms, type PushSender, type SmsAdapter } from './notify.ts';

/** Issues signalling credentials; `HmacAuthority` is one. */
export interface CredentialIssuer {
	issue(req: { bookingId: string; role: WitnessRole; now?: number }): string;
}

export interface WitnessDeps {
	issuer: CredentialIssuer;
	sms: SmsAdapter;
	/** Null when Web Push is not configured (tests); the push key route then answers 404. */
	push: PushSender | null;
	vapidPublicKey: string | null;
	/** Origin put in front of links in SMS; empty gives relative links. */
	origin: string;
	/** A due booking no agent took for this long: tell the customer (robot mode offer). */
	noAgentAfterMs: number;
	/** A due booking still waiting this long is expired (missed). */
	expireAfterMs: number;
	/** A called booking without a decision this long is expired (the customer never came). */
	calledExpireMs: number;
	/** How long before a slot the reminder goes out. */
	reminderLeadMs: number;
}

export const WITNESS_DEFAULTS = {
	noAgentAfterMs: 3 * 60_000,
	expireAfterMs: 30 * 60_000,
	calledExpireMs: 20 * 60_000,
	reminderLeadMs: 10 * 60_000
} as const;

const filled = new WeakMap<CoreDeps, WitnessDeps>();

/** The witness parts of `deps`, with defaults (a per-process credential secret, development SMS). */
export function witnessOf(deps: CoreDeps): WitnessDeps {
	let w = filled.get(deps);
	if (!w) {
		const given = deps.witness ?? {};
		w = {
			issuer: given.issuer ?? new HmacAuthority(randomBytes(32)),
			sms: given.sms ?? new DevSms(deps.log),
			push: given.push ?? null,
			vapidPublicKey: given.vapidPublicKey ?? null,
			origin: given.origin ?? '',
			...WITNESS_DEFAULTS,
			...stripUndefined(given)
		};
		filled.set(deps, w);
	}
	return w;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
	return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
