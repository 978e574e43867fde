/** Staff-initiated registry verification (any of the four modes), rate-limited and audited. */
import { z } from 'zod';
import { appendAudit } from '../audit/log.ts';
import { CSRF_HEADER } from '../auth/authenticate.ts';
import { ApiError } from '../http/errors.ts';
import { checkImage, PHOTO_LIMITS } from '../http/image-check.ts';
import { defineRoute, type RouteDef } from '../http/route.ts';
import { verifyWithLimits } from './service.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const verifyBody = z
	.object({
		mode: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
		name: z.string().trim().min(1).max(30),
		idNumber: z.string().regex(/^\d{17}[\dX]$/),
		validFrom: z.string().regex(DATE).optional(),
		validTo: z.string().regex(DATE).nullable().optional(),
		/** Base64 JPEG/PNG, modes 2 and 4 (≤ 512 KB encoded). */
		photo: z.string().max(700_000).optional()
	})
	.refine(
		(b) =>
			b.mode === 3 || b.mode === 4 ? b.validFrom !== undefined && b.validTo !== undefined : true,
		{
			message: 'modes 3 and 4 need validFrom and validTo'
		}
	)
	.refine((b) => (b.mode === 2 || b.mode === 4 ? !!b.photo : true), {
		message: 'modes 2 and 4 need photo'
	});

export const registryRoutes: RouteDef[] = [
	defineRoute({
		method: 'post',
		path: '/api/registry/verify',
		operationId: 'verifyIdentity',
		summary: 'Checks an identity against the citizen registry (modes 1–4)',
		access: { kind: 'staff', roles: ['agent', 'reviewer'] },
		headers: [{ name: CSRF_HEADER, required: true, description: 'CSRF token from login' }],
		body: verifyBody,
		response: z.object({
			code: z.string(),
			route: z.enum(['pass', 'manual', 'fail']),
			score: z.number().optional()
		}),
		async handler({ c, deps, body, principal }) {
			const staffId = principal.kind === 'staff' ? principal.staffId : 'unknown';
			const photo = body.photo ? Buffer.from(body.photo, 'base64') : undefined;
			const image = photo && checkImage(photo, PHOTO_LIMITS);
			if (image && !image.ok)
				throw new ApiError(400, 'validation_failed', 'Photo cannot be read / 无法读取照片', [
					{ path: 'photo', message: `image ${image.problem}` }
				]);
			const outcome = await verifyWithLimits(deps, `staff:${staffId}`, {
				mode: body.mode,
				name: body.name,
				idNumber: body.idNumber,
				validFrom: body.validFrom,
				validTo: body.validTo,
				photo
			});
			if (outcome.kind === 'client_limited')
				throw new ApiError(429, 'rate_limited', 'Too many verification requests / 核验请求过多');
			const answer =
				outcome.kind === 'result'
					? { code: outcome.result.code, route: outcome.route, score: outcome.result.score }
					: {
							code: outcome.kind === 'locked' ? 'locked_repeated_failures' : 'registry_unavailable',
							route: 'manual' as const
						};
			await appendAudit(deps.storage.db, {
				actor: `staff:${staffId}`,
				action: 'registry.verify',
				subject: deps.cipher.blindIndex(body.idNumber).slice(0, 16),
				detail: { mode: body.mode, code: answer.code }
			});
			return c.json(answer);
		}
	})
];
