/** Staff routes: agents record witness outcomes, reviewers decide; every read and decision is audited. */
import { z } from 'zod';
import {
	APPLICATION_STATES,
	type ApplicationEvent,
	type ApplicationState
} from '../../src/lib/domain/application.ts';
import { appendAudit } from '../audit/log.ts';
import { CSRF_HEADER } from '../auth/authenticate.ts';
import type { Principal } from '../auth/roles.ts';
import { ApiError } from '../http/errors.ts';
import { defineRoute, type RouteDef } from '../http/route.ts';
import { openAccount } from './account.ts';
import { applyEvents, loadApplication } from './store.ts';

const csrf = [{ name: CSRF_HEADER, required: true, description: 'CSRF token from login' }] as const;
const reason = z.string().trim().min(2).max(500);
const idParam = z.string().uuid();

function actor(p: Principal): string {
	return p.kind === 'staff' ? `staff:${p.staffId}` : 'system';
}

function appId(params: Record<string, string>): string {
	const r = idParam.safeParse(params.id);
	if (!r.success) throw new ApiError(404, 'not_found', 'No such application / 申请不存在');
	return r.data;
}

const summary = z.object({
	id: z.string(),
	state: z.enum(APPLICATION_STATES),
	risk: z.string().nullable(),
	registryResult: z.string().nullable(),
	reason: z.string().nullable(),
	createdAt: z.string(),
	updatedAt: z.string()
});

export const staffApplicationRoutes: RouteDef[] = [
	defineRoute({
		method: 'get',
		path: '/api/staff/applications',
		operationId: 'listApplications',
		summary: 'Work queue (no PII): applications, optionally in one state',
		access: { kind: 'staff', roles: ['agent', 'reviewer', 'admin'] },
		query: z.object({ state: z.enum(APPLICATION_STATES).optional() }),
		response: z.object({ applications: z.array(summary) }),
		async handler({ c, deps, query, principal }) {
			let q = deps.storage.db
				.selectFrom('applications')
				.selectAll()
				.orderBy('created_at', 'desc')
				.limit(200);
			if (query.state) q = q.where('state', '=', query.state);
			const rows = await q.execute();
			await appendAudit(deps.storage.db, {
				actor: actor(principal),
				action: 'application.list',
				subject: query.state ?? '*',
				detail: { count: rows.length }
			});
			return c.json({
				applications: rows.map((r) => ({
					id: r.id,
					state: r.state,
					risk: r.risk,
					registryResult: r.registry_result,
					reason: r.reason,
					createdAt: r.created_at,
					updatedAt: r.updated_at
				}))
			});
		}
	}),
	defineRoute({
		method: 'get',
		path: '/api/staff/applications/:id',
		operationId: 'viewApplication',
		summary: 'Full application with decrypted PII (audited data access)',
		access: { kind: 'staff', roles: ['agent', 'reviewer', 'admin'] },
		async handler({ c, deps, params, principal }) {
			const app = await loadApplication(deps.storage.db, appId(params));
			await appendAudit(deps.storage.db, {
				actor: actor(principal),
				action: 'application.view',
				subject: app.id
			});
			return c.json({
				id: app.id,
				state: app.state,
				reason: app.reason,
				risk: app.risk,
				registryResult: app.registry_result,
				faceScore: app.face_score,
				formSha256: app.form_sha256,
				kyc: app.kyc ? JSON.parse(app.kyc) : null,
				pii: app.pii ? deps.cipher.decryptJson(app.pii) : null
			});
		}
	}),
	defineRoute({
		method: 'get',
		path: '/api/staff/applications/:id/form.pdf',
		operationId: 'applicationFormPdf',
		summary: 'The signed application form (audited data access)',
		access: { kind: 'staff', roles: ['agent', 'reviewer', 'admin'] },
		produces: 'application/pdf',
		async handler({ c, deps, params, principal }) {
			const id = appId(params);
			const file = await deps.storage.db
				.selectFrom('app_files')
				.selectAll()
				.where('application_id', '=', id)
				.where('kind', '=', 'form_pdf')
				.executeTakeFirst();
			if (!file?.data)
				throw new ApiError(404, 'not_found', 'No form for this application / 无申请表');
			await appendAudit(deps.storage.db, {
				actor: actor(principal),
				action: 'application.form',
				subject: id
			});
			const bytes = deps.cipher.decryptBytes(file.data);
			return c.body(new Uint8Array(bytes), 200, {
				'content-type': 'application/pdf',
				'x-content-sha256': file.sha256
			});
		}
	}),
	defineRoute({
		method: 'post',
		path: '/api/staff/applications/:id/witness',
		operationId: 'recordWitness',
		summary: 'Agent: the witness call took place (or failed); high-risk KYC goes to manual review',
		access: { kind: 'staff', roles: ['agent'] },
		headers: csrf,
		body: z.discriminatedUnion('outcome', [
			z.object({ outcome: z.literal('completed') }),
			z.object({ outcome: z.literal('failed'), reason })
		]),
		async handler({ c, deps, params, body, principal }) {
			const app = await loadApplication(deps.storage.db, appId(params));
			const events: ApplicationEvent[] =
				body.outcome === 'failed'
					? [{ type: 'reject', reason: `witness:${body.reason}` }]
					: app.risk === 'high'
						? [{ type: 'witness_completed' }, { type: 'escalate', reason: 'kyc:high_risk' }]
						: [{ type: 'witness_completed' }];
			const state = await applyEvents(
				deps.storage.db,
				app.id,
				app.state as ApplicationState,
				events,
				deps.now()
			);
			await appendAudit(deps.storage.db, {
				actor: actor(principal),
				action: 'application.witness',
				subject: app.id,
				detail: { outcome: body.outcome, state }
			});
			return c.json({ id: app.id, state });
		}
	}),
	defineRoute({
		method: 'post',
		path: '/api/staff/applications/:id/decision',
		operationId: 'decideApplication',
		summary:
			'Reviewer: approve (opens the Class II account), reject, escalate or return to witness',
		access: { kind: 'staff', roles: ['reviewer', 'admin'] },
		headers: csrf,
		body: z.discriminatedUnion('decision', [
			z.object({ decision: z.literal('approve') }),
			z.object({ decision: z.literal('reject'), reason }),
			z.object({ decision: z.literal('escalate'), reason }),
			z.object({ decision: z.literal('return_to_witness'), reason: reason.optional() })
		]),
		async handler({ c, deps, params, body, principal }) {
			const app = await loadApplication(deps.storage.db, appId(params));
			const from = app.state as ApplicationState;
			const events: ApplicationEvent[] = from === 'witnessed' ? [{ type: 'start_review' }] : [];
			if (body.decision === 'approve') events.push({ type: 'approve' });
			else if (body.decision === 'reject') events.push({ type: 'reject', reason: body.reason });
			else if (body.decision === 'escalate') events.push({ type: 'escalate', reason: body.reason });
			else events.push({ type: 'return_to_witness' });
			const now = deps.now();
			const decided = body.decision === 'approve' || body.decision === 'reject';
			const extra = decided
				? {
						decided_at: now.toISOString(),
						decided_by: principal.kind === 'staff' ? principal.staffId : null
					}
				: {};
			const result = await deps.storage.db.transaction().execute(async (trx) => {
				const state = await applyEvents(trx, app.id, from, events, now, extra);
				const account = state === 'approved' ? await openAccount(trx, app.id, now) : null;
				return { state, account };
			});
			await appendAudit(deps.storage.db, {
				actor: actor(principal),
				action: 'application.decide',
				subject: app.id,
				detail: {
					decision: body.decision,
					reason: 'reason' in body ? body.reason : undefined,
					state: result.state
				}
			});
			return c.json({ id: app.id, ...result });
		}
	})
];
