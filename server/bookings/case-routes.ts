/**
 * The agent's in-call panel: the application's case file, its images, call events (questions
 * ticked, commands sent), stills captured from the customer's video and the decision. Only the
 * agent who took the booking may use these, and every call is audited.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ApplicationEvent, ApplicationState } from '../../src/lib/domain/application.ts';
import {
	WITNESS_COMMANDS,
	WITNESS_QUESTIONS,
	WITNESS_REASONS,
	type WitnessDecision
} from '../../src/lib/domain/witness.ts';
import { applyEvents, loadApplication } from '../applications/store.ts';
import { appendAudit } from '../audit/log.ts';
import { CSRF_HEADER } from '../auth/authenticate.ts';
import { ApiError } from '../http/errors.ts';
import { checkImage, PHOTO_LIMITS } from '../http/image-check.ts';
import { defineRoute, type RouteDef } from '../http/route.ts';
import { agentBooking } from './agent-routes.ts';
import { caseFile } from './case-file.ts';
import { moveBooking } from './store.ts';

const csrf = [{ name: CSRF_HEADER, required: true, description: 'CSRF token from login' }] as const;
const AGENT = { kind: 'staff', roles: ['agent'] } as const;
const IMAGE_KINDS = ['id_image', 'face_image', 'witness_still'];
const MAX_STILL_BYTES = 400 * 1024;

const decisionBody = z.discriminatedUnion('decision', [
	z.object({
		decision: z.literal('approve'),
		reasons: z.array(z.enum(WITNESS_REASONS.approve)).min(1).max(5)
	}),
	z.object({
		decision: z.literal('reject'),
		reasons: z.array(z.enum(WITNESS_REASONS.reject)).min(1).max(5)
	}),
	z.object({
		decision: z.literal('escalate'),
		reasons: z.array(z.enum(WITNESS_REASONS.escalate)).min(1).max(5)
	})
]);

/** Application events for the agent's decision (high-risk KYC still goes to manual review). */
function decisionEvents(
	d: WitnessDecision,
	reasons: string[],
	risk: string | null
): ApplicationEvent[] {
	const reason = `witness:${reasons.join(',')}`;
	if (d === 'reject') return [{ type: 'reject', reason }];
	if (d === 'escalate') return [{ type: 'escalate', reason }];
	return risk === 'high'
		? [{ type: 'witness_completed' }, { type: 'escalate', reason: 'kyc:high_risk' }]
		: [{ type: 'witness_completed' }];
}

export const caseRoutes: RouteDef[] = [
	defineRoute({
		method: 'get',
		path: '/api/staff/bookings/:id/case',
		operationId: 'bookingCase',
		summary:
			'In-call case file: OCR fields, images, registry, liveness, face score, history (audited)',
		access: AGENT,
		async handler({ c, deps, params, principal }) {
			const b = await agentBooking(deps, principal, params.id ?? '');
			const file = await caseFile(deps, b);
			await appendAudit(deps.storage.db, {
				actor: `staff:${b.agent_id}`,
				action: 'booking.case_view',
				subject: b.application_id,
				detail: { booking: b.id }
			});
			return c.json(file);
		}
	}),
	defineRoute({
		method: 'get',
		path: '/api/staff/bookings/:id/files/:file',
		operationId: 'bookingFile',
		summary:
			'One image of the case (ID card side, face image or witness still), decrypted (audited)',
		access: AGENT,
		produces: 'image/*',
		async handler({ c, deps, params, principal }) {
			const b = await agentBooking(deps, principal, params.id ?? '');
			const f = await deps.storage.db
				.selectFrom('app_files')
				.selectAll()
				.where('id', '=', params.file ?? '')
				.where('application_id', '=', b.application_id)
				.where('kind', 'in', IMAGE_KINDS)
				.executeTakeFirst();
			if (!f?.data) throw new ApiError(404, 'not_found', 'No such image / 图片不存在');
			const bytes = deps.cipher.decryptBytes(f.data);
			await appendAudit(deps.storage.db, {
				actor: `staff:${b.agent_id}`,
				action: 'booking.file_view',
				subject: b.application_id,
				detail: { booking: b.id, file: f.id, kind: f.kind }
			});
			const type = bytes[0] === 0x89 ? 'image/png' : 'image/jpeg';
			return c.body(new Uint8Array(bytes), 200, {
				'content-type': type,
				'cache-control': 'no-store'
			});
		}
	}),
	defineRoute({
		method: 'post',
		path: '/api/staff/bookings/:id/events',
		operationId: 'recordCallEvent',
		summary: 'Audits a call event: a scripted question ticked or a command sent to the customer',
		access: AGENT,
		headers: csrf,
		body: z.discriminatedUnion('kind', [
			z.object({
				kind: z.literal('question'),
				question: z.enum(WITNESS_QUESTIONS),
				ticked: z.boolean()
			}),
			z.object({ kind: z.literal('command'), command: z.enum(WITNESS_COMMANDS) }),
			z.object({ kind: z.literal('call'), event: z.enum(['connected', 'audio_only', 'ended']) })
		]),
		async handler({ c, deps, params, body, principal }) {
			const b = await agentBooking(deps, principal, params.id ?? '');
			if (b.state !== 'called')
				throw new ApiError(409, 'conflict', 'Booking is closed / 预约已结束');
			await appendAudit(deps.storage.db, {
				actor: `staff:${b.agent_id}`,
				action: `witness.${body.kind}`,
				subject: b.application_id,
				detail: { booking: b.id, ...body }
			});
			return c.json({ ok: true });
		}
	}),
	defineRoute({
		method: 'post',
		path: '/api/staff/bookings/:id/stills',
		operationId: 'captureStill',
		summary: "Stores a still captured from the customer's video (JPEG/PNG, encrypted; audited)",
		access: AGENT,
		headers: csrf,
		body: z.object({ image: z.string().min(16).max(560_000) }),
		status: 201,
		async handler({ c, deps, params, body, principal }) {
			const b = await agentBooking(deps, principal, params.id ?? '');
			if (b.state !== 'called')
				throw new ApiError(409, 'conflict', 'Booking is closed / 预约已结束');
			const bytes = Buffer.from(body.image, 'base64');
			if (bytes.length > MAX_STILL_BYTES || !checkImage(bytes, PHOTO_LIMITS).ok)
				throw new ApiError(
					400,
					'validation_failed',
					'A still must be a JPEG or PNG / 截图须为 JPEG 或 PNG',
					[{ path: 'image', message: 'not a whole JPEG/PNG within 4096×4096, or too large' }]
				);
			const now = deps.now();
			const id = crypto.randomUUID();
			const sha256 = createHash('sha256').update(bytes).digest('hex');
			await deps.storage.db
				.insertInto('app_files')
				.values({
					id,
					application_id: b.application_id,
					kind: 'witness_still',
					sha256,
					data: deps.cipher.encrypt(bytes),
					created_at: now.toISOString(),
					purged_at: null
				})
				.execute();
			await appendAudit(deps.storage.db, {
				actor: `staff:${b.agent_id}`,
				action: 'witness.still',
				subject: b.application_id,
				detail: { booking: b.id, file: id, sha256, bytes: bytes.length }
			});
			return c.json({ id, sha256 }, 201);
		}
	}),
	defineRoute({
		method: 'post',
		path: '/api/staff/bookings/:id/decision',
		operationId: 'decideWitness',
		summary: 'The agent’s decision with reason codes: moves the application, closes the booking',
		access: AGENT,
		headers: csrf,
		body: decisionBody,
		async handler({ c, deps, params, body, principal }) {
			const db = deps.storage.db;
			const b = await agentBooking(deps, principal, params.id ?? '');
			if (b.state !== 'called')
				throw new ApiError(409, 'conflict', 'Booking is closed / 预约已结束');
			const app = await loadApplication(db, b.application_id);
			const now = deps.now();
			const events = decisionEvents(body.decision, body.reasons, app.risk);
			const state = await db.transaction().execute(async (trx) => {
				const s = await applyEvents(trx, app.id, app.state as ApplicationState, events, now);
				if (!(await moveBooking(trx, b.id, ['called'], 'done', now, { outcome: body.decision })))
					throw new ApiError(409, 'conflict', 'Booking changed meanwhile / 预约状态已变化');
				return s;
			});
			await appendAudit(db, {
				actor: `staff:${b.agent_id}`,
				action: 'witness.decide',
				subject: app.id,
				detail: { booking: b.id, decision: body.decision, reasons: body.reasons, state }
			});
			return c.json({ id: app.id, booking: b.id, state });
		}
	})
];
