import { describe, expect, it } from 'vitest';
import { witnessPeerId } from './authority.ts';
import { HmacAuthority, MAX_CREDENTIAL_TTL_MS } from './credentials.ts';

const auth = new HmacAuthority('0123456789abcdef0123456789abcdef-secret');
const NOW = 1_800_000_000_000;

describe('HmacAuthority', () => {
	it('grants the booking party its own peer id and names the other party as the only counterpart', () => {
		const token = auth.issue({ bookingId: 'b-1', role: 'customer', now: NOW });
		const res = auth.verify(token, witnessPeerId('b-1', 'customer'), NOW + 1000);
		expect(res).toEqual({
			ok: true,
			grant: {
				bookingId: 'b-1',
				role: 'customer',
				peerId: 'kw-b-1-customer',
				counterpartId: 'kw-b-1-agent'
			}
		});
	});

	it('is URL-safe, because peerjs puts the token into the socket URL unencoded', () => {
		const token = auth.issue({ bookingId: 'b1', role: 'agent', now: NOW });
		expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
	});

	it('refuses an expired credential, one for another id, a forged one and garbage', () => {
		const token = auth.issue({ bookingId: 'b1', role: 'customer', ttlMs: 60_000, now: NOW });
		const id = witnessPeerId('b1', 'customer');
		expect(auth.verify(token, id, NOW + 60_000)).toEqual({ ok: false, code: 'expired' });
		expect(auth.verify(token, witnessPeerId('b1', 'agent'), NOW)).toEqual({
			ok: false,
			code: 'wrong_peer'
		});
		const other = new HmacAuthority('another-secret-another-secret-another!!');
		expect(
			auth.verify(other.issue({ bookingId: 'b1', role: 'customer', now: NOW }), id, NOW)
		).toEqual({
			ok: false,
			code: 'bad_signature'
		});
		const [body, mac] = token.split('.');
		const claims = JSON.parse(Buffer.from(body!, 'base64url').toString()) as Record<
			string,
			unknown
		>;
		const forged = Buffer.from(JSON.stringify({ ...claims, r: 'agent' })).toString('base64url');
		expect(auth.verify(`${forged}.${mac}`, witnessPeerId('b1', 'agent'), NOW).ok).toBe(false);
		expect(auth.verify('nonsense', id, NOW)).toEqual({ ok: false, code: 'malformed' });
		expect(auth.verify('a.b.c', id, NOW)).toEqual({ ok: false, code: 'malformed' });
	});

	it('caps the lifetime so a credential stays short-lived', () => {
		const token = auth.issue({
			bookingId: 'b1',
			role: 'customer',
			ttlMs: 10 * 86_400_000,
			now: NOW
		});
		const id = witnessPeerId('b1', 'customer');
		expect(auth.verify(token, id, NOW + MAX_CREDENTIAL_TTL_MS - 1).ok).toBe(true);
		expect(auth.verify(token, id, NOW + MAX_CREDENTIAL_TTL_MS).ok).toBe(false);
	});

	it('rejects a short secret and booking ids that would not make a valid PeerJS id', () => {
		expect(() => new HmacAuthority('short')).toThrow();
		expect(() => auth.issue({ bookingId: 'a b', role: 'customer' })).toThrow();
	});
});

describe('peer ids', () => {
	it('are derived the same way on the client and the server', async () => {
		const client = await import('../../src/lib/witness/peer-id.ts');
		for (const role of ['customer', 'agent'] as const) {
			expect(client.witnessPeerId('b-42', role)).toBe(witnessPeerId('b-42', role));
		}
	});
});
