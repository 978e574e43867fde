import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { clientAddress, trustProxies } from './client-address.ts';

const app = new Hono().get('/', (c) => c.text(clientAddress(c)));
const from = async (peer: string, xff?: string) => {
	const res = await app.request(
		'/',
		{ headers: xff ? { 'x-forwarded-for': xff } : {} },
		{ incoming: { socket: { remoteAddress: peer } } }
	);
	return res.text();
};

describe('client address behind a balancer', () => {
	afterEach(() => trustProxies([]));

	it('ignores X-Forwarded-For unless the peer is a trusted proxy', async () => {
		expect(await from('203.0.113.5', '198.51.100.1')).toBe('203.0.113.5');
		trustProxies(['10.0.0.2']);
		expect(await from('203.0.113.5', '198.51.100.1')).toBe('203.0.113.5');
	});

	it('takes the right-most hop that is not a trusted proxy', async () => {
		trustProxies(['10.0.0.2', '10.0.0.3']);
		// The client forged the left-most hop; the balancers appended the real one.
		expect(await from('10.0.0.2', '1.2.3.4, 198.51.100.7, 10.0.0.3')).toBe('198.51.100.7');
		expect(await from('10.0.0.2')).toBe('10.0.0.2');
	});
});
