/**
 * Staff routes of robot mode: the review queue, one session with its answers, an answer's
 * recording (streamed, audited on every fetch) and the review that moves the application on.
 */
import { Readable } from 'node:stream';
import { z } from 'zod';
import type { ApplicationEvent, ApplicationState } from '../../src/lib/domain/application.ts';
import { applyEvents, loadApplication } from '../applications/store.ts';
import { appendAudit } from '../audit/log.ts';
import { CSRF_HEADER } from '../auth/authenticate.ts';
import type { Principal } from '../auth/roles.ts';
import { ApiError } from '../http/errors.ts';
import { defineRoute, type RouteDef } from '../http/route.ts';
import { ingestRobotRecords } from './ingest.ts';
import { loadSession, sessionView } from './sessions.ts';

const csrf = [{ name: CSRF_HEADER, required: true, description: 'CSRF token from login' }] as const;
const STAFF = ['agent', 'reviewer', 'admin'] as const;
const actor = (p: Principal) => (p.kind === 'staff' ? `staff:${p.staffId}` : 'system');

const STATES = ['recording', 'awaiting_review', 'reviewed'] as const;
const listItem = z.object({
	id: z.string(),
	applicationId: z.string(),
	state: z.enum(STATES),
	createdAt: z.string(),
	submittedAt: z.string().nullable(),
	questions: z.number(),
	answers: z.number()
});

const reviewBody = z.object({
	outcome: z.enum(['accepted', 'manual_review']),
	marks: z
		.array(
			z.object({
				questionId: z.string().min(1).max(64),
				mark: z.enum(['ok', 'flag']),
				note: z.string().trim().max(500).optional()
			})
		)
		.max(50),
	reason: z.string().trim().min(2).max(500).optional()
});

export const robotStaffRoutes: RouteDef[] = [
	defineRoute({
		method: 'get',
		path: '/api/staff/robot-sessions',
		operationId: 'listRobotSessions',
		summary: 'Robot witness sessions (no PII), by default those awaiting review, oldest first',
		access: { kind: 'staff', roles: STAFF },
		query: z.object({ state: z.enum(STATES).optional() }),
		response: z.object({ sessions: z.array(listItem) }),
		async handler({ c, deps, query, principal }) {
			const db = deps.storage.db;
			await ingestRobotRecords(db, deps.cipher);
			const state = (query.state as (typeof STATES)[number] | undefined) ?? 'awaiting_review';
			const rows = await db
				.selectFrom('robot_sessions')
				.leftJoin('robot_answers', 'robot_answers.session_id', 'robot_sessions.id')
				.select((eb) => [
					'robot_sessions.id',
					'robot_sessions.application_id',
					'robot_sessions.state',
					'robot_sessions.created_at',
					'robot_sessions.submitted_at',
					'robot_sessions.questions',
					eb.fn.count<number>('robot_answers.question_id').as('answers')
				])
				.where('robot_sessions.state', '=', state)
				.groupBy([
					'robot_sessions.id',
					'robot_sessions.application_id',
					'robot_sessions.state',
					'robot_sessions.created_at',
					'robot_sessions.submitted_at',
					'robot_sessions.questions'
				])
				.orderBy('robot_sessions.created_at')
				.limit(200)
				.execute();
			await appendAudit(db, {
				actor: actor(principal),
				action: 'robot.list',
				subject: state,
				detail: { count: rows.length }
			});
			return c.json({
				sessions: rows.map((r) => ({
					id: r.id,
					applicationId: r.application_id,
					state: r.state,
					createdAt: r.created_at,
					submittedAt: r.submitted_at,
					questions: (JSON.parse(r.questions) as unknown[]).length,
					answers: Number(r.answers)
				}))
			});
		}
	}),
	defineRoute({
		method: 'get',
		path: '/api/staff/robot-sessions/:id',
		operationId: 'viewRobotSession',
		summary: 'One robot session: the questions as asked and each answer recording (audited)',
		access: { kind: 'staff', roles: STAFF },
		async handler({ c, deps, params, principal }) {
			const db = deps.storage.db;
			await ingestRobotRecords(db, deps.cipher);
			const s = await loadSession(db, params.id ?? '');
			await appendAudit(db, { actor: actor(principal), action: 'robot.view', subject: s.id });
			return c.json(await sessionView(db, s));
		}
	}),
	defineRoute({
		method: 'get',
		path: '/api/staff/robot-sessions/:id/answers/:questionId/media',
		operationId: 'robotAnswerMedia',
		summary: "Streams one answer's audio+video recording (audited data access)",
		access: { kind: 'staff', roles: STAFF },
		produces: 'video/webm',
		async handler({ c, deps, params, principal }) {
			const db = deps.storage.db;
			const s = await loadSession(db, params.id ?? '');
			const answer = await db
				.selectFrom('robot_answers')
				.selectAll()
				.where('session_id', '=', s.id)
				.where('question_id', '=', params.questionId ?? '')
				.executeTakeFirst();
			const stored = answer && deps.blobs ? await deps.blobs.stat(answer.blob_sha256) : null;
			if (!answer || !stored || !deps.blobs)
				throw new ApiError(404, 'not_found', 'No such recording / 录像不存在');
			await appendAudit(db, {
				actor: actor(principal),
				action: 'robot.media',
				subject: s.id,
				detail: { questionId: answer.question_id, sha256: answer.blob_sha256 }
			});
			const body = Readable.toWeb(await deps.blobs.read(answer.blob_sha256)) as ReadableStream;
			return c.body(body, 200, {
				'content-type': answer.mime_type,
				'content-length': String(stored.bytes),
				'cache-control': 'private, no-store',
				'x-content-sha256': answer.blob_sha256
			});
		}
	}),
	defineRoute({
		method: 'post',
		path: '/api/staff/robot-sessions/:id/review',
		operationId: 'reviewRobotSession',
		summary:
			'Agent/reviewer: marks each answer and closes the session; accepted completes the witness, manual_review escalates the application',
		access: { kind: 'staff', roles: ['agent', 'reviewer'] },
		headers: csrf,
		body: reviewBody,
		async handler({ c, deps, params, body, principal }) {
			const db = deps.storage.db;
			await ingestRobotRecords(db, deps.cipher);
			const s = await loadSession(db, params.id ?? '');
			const view = await sessionView(db, s);
			if (s.state !== 'awaiting_review')
				throw new ApiError(
					409,
					'conflict',
					'Session is not awaiting review / 该会话不在待审核状态',
					{
						state: s.state
					}
				);
			const marks = new Map(body.marks.map((m) => [m.questionId, m]));
			const answered = view.answers.map((a) => a.questionId);
			if ([...marks.keys()].some((q) => !answered.includes(q)))
				throw new ApiError(
					400,
					'validation_failed',
					'Mark only answers that exist / 只能标记已有回答'
				);
			const allOk =
				answered.length === view.questions.length &&
				answered.every((q) => marks.get(q)?.mark === 'ok');
			if (body.outcome === 'accepted' && !allOk)
				throw new ApiError(
					400,
					'validation_failed',
					'Accept only when every question is answered and ticked / 所有问题均已回答并确认后方可通过'
				);
			const app = await loadApplication(db, s.application_id);
			const from = app.state as ApplicationState;
			const events: ApplicationEvent[] =
				from !== 'witness_pending'
					? []
					: body.outcome === 'manual_review'
						? [{ type: 'escalate', reason: `robot:${body.reason ?? 'flagged'}` }]
						: app.risk === 'high'
							? [{ type: 'witness_completed' }, { type: 'escalate', reason: 'kyc:high_risk' }]
							: [{ type: 'witness_completed' }];
			const now = deps.now();
			const state = await db.transaction().execute(async (trx) => {
				const closed = await trx
					.updateTable('robot_sessions')
					.set({
						state: 'reviewed',
						reviewed_at: now.toISOString(),
						reviewed_by: principal.kind === 'staff' ? principal.staffId : null,
						outcome: body.outcome
					})
					.where('id', '=', s.id)
					.where('state', '=', 'awaiting_review')
					.executeTakeFirst();
				if (Number(closed.numUpdatedRows) !== 1)
					throw new ApiError(409, 'conflict', 'Session was reviewed meanwhile / 该会话已被审核');
				for (const m of marks.values())
					await trx
						.updateTable('robot_answers')
						.set({ mark: m.mark, note: m.note ?? null })
						.where('session_id', '=', s.id)
						.where('question_id', '=', m.questionId)
						.execute();
				return events.length > 0 ? applyEvents(trx, app.id, from, events, now) : from;
			});
			await appendAudit(db, {
				actor: actor(principal),
				action: 'robot.review',
				subject: s.id,
				detail: {
					applicationId: app.id,
					outcome: body.outcome,
					flagged: body.marks.filter((m) => m.mark === 'flag').map((m) => m.questionId),
					state
				}
			});
			return c.json({
				id: s.id,
				state: 'reviewed',
				outcome: body.outcome,
				applicationState: state
			});
		}
	})
];
