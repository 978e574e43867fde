import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { HmacAuthority } from '../signalling/credentials.ts';
import { backends } from '../storage/test-databases.ts';
import { harness, TINY_PNG } from '../testing/harness.ts';
import { DevSms } from './notify.ts';

const card = (shade: number) =>
	Buffer.from(
		jpeg.encode({ width: 640, height: 404, data: Buffer.alloc(640 * 404 * 4, shade) }, 80).data
	).toString('base64');

describe.each(backends())('ID card images in the agent case file on $kind', ({ open }) => {
	it('a submission stores both sides (re-validated) and the agent sees them labelled', async () => {
		const storage = await open();
		try {
			const h = await harness(storage, {
				witness: {
					issuer: new HmacAuthority('case-images-test-secret-0123456789abcdef'),
					sms: new DevSms(() => undefined),
					push: { send: async () => 'sent' as const },
					vapidPublicKey: 'test-key'
				}
			});
			const agent = await h.login('agent1');
			const submit = async (extra: Record<string, unknown>) => {
				const a = await h.newApplication();
				const res = await h.customerCall(
					a.token,
					'POST',
					`/api/applications/${a.id}/submit`,
					h.submission(3, extra),
					{ 'idempotency-key': `cards-${a.id}` }
				);
				return { a, res };
			};

			// A PNG (or anything not a card-shaped JPEG) is refused, with the field named.
			const bad = await submit({ idFront: TINY_PNG });
			expect(bad.res.status).toBe(400);
			expect(JSON.stringify(await bad.res.json())).toContain('idFront');

			const { a, res } = await submit({ idFront: card(200), idBack: card(120) });
			expect(await res.json()).toMatchObject({ state: 'submitted' });
			expect(await h.settle(a.id)).toMatchObject({ state: 'witness_pending' });
			const booked = await h.customerCall(a.token, 'POST', `/api/applications/${a.id}/bookings`, {
				when: 'now'
			});
			const { id: booking } = (await booked.json()) as { id: string };
			await h.staffCall(agent, 'POST', `/api/staff/bookings/${booking}/claim`);
			const file = (await (await h.staffCall(agent, 'GET', `/api/staff/bookings/${booking}/case`)).json()) as {
				files: { id: string; kind: string; label: string }[];
			}; // prettier-ignore
			const sides = file.files.filter((f) => f.kind === 'id_image');
			expect(sides.map((f) => f.label).sort()).toEqual(['id_back', 'id_front']);
			const img = await h.staffCall(agent, 'GET', `/api/staff/bookings/${booking}/files/${sides[0]!.id}`); // prettier-ignore
			expect(img.headers.get('content-type')).toBe('image/jpeg');
			expect((await img.arrayBuffer()).byteLength).toBeGreaterThan(100);
		} finally {
			await storage.close();
		}
	});
});
