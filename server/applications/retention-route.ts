import { z } from 'zod';
import { CSRF_HEADER } from '../auth/authenticate.ts';
import { defineRoute, type RouteDef } from '../http/route.ts';
import { purgeExpiredMedia, retentionDays } from './retention.ts';

export const retentionRoutes: RouteDef[] = [
	defineRoute({
		method: 'post',
		path: '/api/admin/retention/purge',
		operationId: 'purgeMedia',
		summary: 'Admin: purge face images and recordings past the retention period now',
		access: { kind: 'staff', roles: ['admin'] },
		headers: [{ name: CSRF_HEADER, required: true, description: 'CSRF token from login' }],
		body: z.object({ days: z.number().int().min(0).max(3650).optional() }),
		response: z.object({ files: z.number(), applications: z.number() }),
		async handler({ c, deps, body, principal }) {
			const actor = principal.kind === 'staff' ? `staff:${principal.staffId}` : 'system';
			return c.json(
				await purgeExpiredMedia(
					deps.storage.db,
					body.days ?? retentionDays(),
					deps.now(),
					actor,
					deps.blobs
				)
			);
		}
	})
];
