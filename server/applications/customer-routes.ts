/** Routes the customer calls with the application's capability token. */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { APPLICATION_STATES } from '../../src/lib/domain/application.ts';
import { submissionSchema } from '../../src/lib/domain/application-schema.ts';
import { appendAudit } from '../audit/log.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import { clientAddress } from '../http/client-address.ts';
import { ApiError } from '../http/errors.ts';
import { defineRoute, type RouteDef } from '../http/route.ts';
import { requireKey } from './idempotency.ts';
import { loadApplication } from './store.ts';
import { submitApplication } from './submit.ts';

const created = z.object({
	id: z.string(),
	token: z.string(),
	state: z.enum(APPLICATION_STATES),
	expiresAt: z.string()
});
const status = z.object({
	id: z.string(),
	state: z.enum(APPLICATION_STATES),
	reason: z.string().nullable(),
	account: z
		.object({
			accountNumber: z.string(),
			accountClass: z.string(),
			dailyOutflowLimitFen: z.number(),
			yearlyOutflowLimitFen: z.number()
		})
		.nullable(),
	notices: z.array(z.object({ kind: z.string(), message: z.string(), createdAt: z.string() }))
});

export const customerRoutes: RouteDef[] = [
	defineRoute({
		method: 'post',
		path: '/api/applications',
		operationId: 'createApplication',
		summary: 'Starts an application; returns its capability token (shown once)',
		access: { kind: 'public' },
		response: created,
		status: 201,
		async handler({ c, deps }) {
			const client = `ip:${clientAddress(c)}`;
			// Claimed (counted) before the check, so a burst on several instances meets the limit.
			const { waitMs: wait } = await deps.createThrottle.claim(client);
			if (wait > 0) {
				c.header('Retry-After', String(Math.ceil(wait / 1000)));
				throw new ApiError(
					429,
					'rate_limited',
					'Too many new applications, try later / 新申请过多，请稍后再试'
				);
			}
			const now = deps.now();
			const id = crypto.randomUUID();
			const token = newToken('kh');
			const expiresAt = new Date(now.getTime() + deps.capabilityTtlMs).toISOString();
			await deps.storage.db.transaction().execute(async (trx) => {
				await trx
					.insertInto('applications')
					.values({
						id,
						state: 'draft',
						reason: null,
						pii: null,
						id_index: null,
						kyc: null,
						risk: null,
						registry_result: null,
						face_score: null,
						form_sha256: null,
						liveness_nonce: null,
						created_at: now.toISOString(),
						updated_at: now.toISOString(),
						decided_at: null,
						decided_by: null
					})
					.execute();
				await trx
					.insertInto('app_tokens')
					.values({
						token_hash: hashToken(token),
						application_id: id,
						created_at: now.toISOString(),
						expires_at: expiresAt,
						revoked_at: null
					})
					.execute();
			});
			return c.json({ id, token, state: 'draft', expiresAt }, 201);
		}
	}),
	defineRoute({
		method: 'get',
		path: '/api/applications/:id',
		operationId: 'getApplication',
		summary: 'The customer sees the state, the account once opened, and notices',
		access: { kind: 'customer' },
		response: status,
		async handler({ c, deps, params }) {
			const db = deps.storage.db;
			const app = await loadApplication(db, params.id ?? '');
			const account = await db
				.selectFrom('accounts')
				.selectAll()
				.where('application_id', '=', app.id)
				.executeTakeFirst();
			const notices = await db
				.selectFrom('notices')
				.selectAll()
				.where('application_id', '=', app.id)
				.orderBy('created_at')
				.execute();
			return c.json({
				id: app.id,
				state: app.state,
				reason: app.reason,
				account: account
					? {
							accountNumber: account.account_number,
							accountClass: account.account_class,
							dailyOutflowLimitFen: Number(account.daily_outflow_limit_fen),
							yearlyOutflowLimitFen: Number(account.yearly_outflow_limit_fen)
						}
					: null,
				notices: notices.map((n) => ({ kind: n.kind, message: n.message, createdAt: n.created_at }))
			});
		}
	}),
	defineRoute({
		method: 'post',
		path: '/api/applications/:id/liveness-nonce',
		operationId: 'issueLivenessNonce',
		summary: 'Issues the nonce the liveness challenge must be bound to (draft only)',
		access: { kind: 'customer' },
		response: z.object({ nonce: z.string() }),
		async handler({ c, deps, params }) {
			const nonce = randomBytes(24).toString('base64url');
			const res = await deps.storage.db
				.updateTable('applications')
				.set({ liveness_nonce: nonce, updated_at: deps.now().toISOString() })
				.where('id', '=', params.id ?? '')
				.where('state', '=', 'draft')
				.executeTakeFirst();
			if (Number(res.numUpdatedRows) !== 1)
				throw new ApiError(409, 'conflict', 'Application is not a draft / 申请已提交');
			return c.json({ nonce });
		}
	}),
	defineRoute({
		method: 'post',
		path: '/api/applications/:id/submit',
		operationId: 'submitApplication',
		summary: 'Submits the application; re-validated in full; idempotent by Idempotency-Key',
		access: { kind: 'customer' },
		headers: [
			{
				name: 'Idempotency-Key',
				required: true,
				description: '8–128 characters; a replay returns the first result'
			}
		],
		body: submissionSchema,
		async handler({ c, deps, params, body }) {
			const key = requireKey(c.req.header('idempotency-key'));
			const r = await submitApplication(deps, params.id ?? '', key, body);
			return c.json(r.body as object, r.status as 200);
		}
	}),
	defineRoute({
		method: 'delete',
		path: '/api/applications/:id/token',
		operationId: 'revokeToken',
		summary: 'Revokes the capability token used for this request',
		access: { kind: 'customer' },
		async handler({ c, deps, params }) {
			const token = c.req.header('authorization')?.slice('Bearer '.length) ?? '';
			await deps.storage.db
				.updateTable('app_tokens')
				.set({ revoked_at: deps.now().toISOString() })
				.where('token_hash', '=', hashToken(token))
				.execute();
			await appendAudit(deps.storage.db, {
				actor: `customer:${params.id}`,
				action: 'token.revoke',
				subject: params.id ?? ''
			});
			return c.json({ ok: true });
		}
	})
];
