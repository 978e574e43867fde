/**
 * Malformed images at every field that takes one — the submission's signature, live photo and ID
 * portrait, the agent's video still, the liveness frame, the registry photo: truncated files,
 * huge declared dimensions (60000×60000, a 20000×20000 decompression bomb), the wrong type for
 * the field, and polyglots. Each is refused with 400 in the one error shape from its header (nothing
 * is inflated: `server/http/image-check.test.ts`), and nothing is stored.
 */
import { describe, expect, it } from 'vitest';
import { backends } from '../storage/test-databases.ts';
import { goodJpeg, goodPng, hostileImages } from './hostile-images.ts';
import { expectRejected } from './rejects.ts';
import { abuseSuite } from './suite.ts';

const b64 = (b: Buffer) => b.toString('base64');

describe.each(backends())('malformed images on $kind', ({ open }) => {
	const t = abuseSuite(open);

	async function refused(label: string, field: string, send: () => Response | Promise<Response>) {
		const error = await expectRejected(t, send, 400, label);
		expect(error.code, label).toBe('validation_failed');
		expect(JSON.stringify(error.details), label).toContain(field);
	}

	it('submission: signature (PNG), live photo and ID portrait (JPEG/PNG)', async () => {
		// A draft of its own: the target's first draft holds a liveness challenge (for the fuzz's
		// nonce routes), so a submission of it without that nonce is refused before any image.
		const a = await t.h.newApplication();
		const submit = (over: Record<string, unknown>) =>
			t.h.customerCall(
				a.token,
				'POST',
				`/api/applications/${a.id}/submit`,
				t.h.submission(0, over),
				{
					'idempotency-key': `img-${crypto.randomUUID()}`
				}
			);
		for (const [name, bytes] of Object.entries(hostileImages('png')))
			await refused(`signature: ${name}`, 'signaturePng', () =>
				submit({ signaturePng: b64(bytes) })
			);
		for (const [name, bytes] of Object.entries(hostileImages('both'))) {
			await refused(`livePhoto: ${name}`, 'livePhoto', () =>
				submit({ livePhoto: b64(bytes), idPortrait: b64(goodJpeg()) })
			);
			await refused(`idPortrait: ${name}`, 'idPortrait', () =>
				submit({ livePhoto: b64(goodJpeg()), idPortrait: b64(bytes) })
			);
		}
		const row = await t.storage.db
			.selectFrom('applications')
			.select('state')
			.where('id', '=', a.id)
			.executeTakeFirstOrThrow();
		expect(row.state).toBe('draft');
	});

	it("agent's still from the customer's video (JPEG/PNG)", async () => {
		const booking = t.ids.bookings[0]!;
		const still = (bytes: Buffer) =>
			t.h.staffCall(t.sessions.agent, 'POST', `/api/staff/bookings/${booking}/stills`, {
				image: b64(bytes)
			});
		for (const [name, bytes] of Object.entries(hostileImages('both')))
			await refused(`still: ${name}`, 'image', () => still(bytes));
		expect((await still(goodJpeg())).status).toBe(201);
		expect((await still(goodPng())).status).toBe(201);
	});

	it('liveness frame (JPEG only)', async () => {
		const a = t.apps[1]!;
		const issued = await t.h.customerCall(
			a.token,
			'POST',
			`/api/applications/${a.id}/liveness/challenge`,
			{}
		);
		expect(issued.status).toBeLessThan(300);
		const { nonce } = (await issued.json()) as { nonce: string };
		for (const [name, bytes] of Object.entries(hostileImages('jpeg')))
			await refused(`frame: ${name}`, 'frameJpeg', () =>
				t.h.customerCall(a.token, 'POST', `/api/applications/${a.id}/liveness/attempts`, {
					result: { nonce, passed: true, steps: [], ms: 1000 },
					frameJpeg: b64(bytes)
				})
			);
	});

	it('registry photo (modes 2 and 4)', async () => {
		const c = t.h.citizens[0]!;
		const verify = (bytes: Buffer) =>
			t.h.staffCall(t.sessions.agent, 'POST', '/api/registry/verify', {
				mode: 2,
				name: c.name,
				idNumber: c.idNumber,
				photo: b64(bytes)
			});
		for (const [name, bytes] of Object.entries(hostileImages('both')))
			await refused(`registry: ${name}`, 'photo', () => verify(bytes));
		expect((await verify(goodPng())).status).toBe(200);
	});
});
