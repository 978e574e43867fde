/** Routes the customer calls (application token) to run a robot witness session. */
import { z } from 'zod';
import { ROBOT_QUESTIONS, ROBOT_SCRIPT_VERSION } from '../../src/lib/witness/robot/script.ts';
import { loadApplication } from '../applications/store.ts';
import { appendAudit } from '../audit/log.ts';
import { newToken } from '../auth/tokens.ts';
import { ApiError } from '../http/errors.ts';
import { defineRoute, type RouteDef } from '../http/route.ts';
import { hashKey, ingestRobotRecords } from './ingest.ts';
import { loadSession, MAX_SESSIONS_PER_APPLICATION } from './sessions.ts';

const question = z.object({
	id: z.string(),
	zh: z.string(),
	en: z.string(),
	answerSeconds: z.number()
});

export const robotCustomerRoutes: RouteDef[] = [
	defineRoute({
		method: 'post',
		path: '/api/applications/:id/robot-sessions',
		operationId: 'startRobotSession',
		summary:
			'Starts a robot (self-service) witness when no agent is available; returns the questions and the upload key its answers must carry (shown once)',
		access: { kind: 'customer' },
		status: 201,
		response: z.object({
			sessionId: z.string(),
			uploadKey: z.string(),
			scriptVersion: z.number(),
			questions: z.array(question)
		}),
		async handler({ c, deps, params }) {
			const db = deps.storage.db;
			const app = await loadApplication(db, params.id ?? '');
			if (app.state !== 'witness_pending')
				throw new ApiError(
					409,
					'conflict',
					'This application is not waiting for a witness / 该申请当前无需视频见证',
					{ state: app.state }
				);
			const count = await db
				.selectFrom('robot_sessions')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('application_id', '=', app.id)
				.executeTakeFirstOrThrow();
			if (Number(count.n) >= MAX_SESSIONS_PER_APPLICATION)
				throw new ApiError(
					429,
					'rate_limited',
					'Too many self-service attempts; please book an agent / 自助见证次数过多，请预约坐席'
				);
			const id = crypto.randomUUID();
			const uploadKey = newToken('rk');
			await db
				.insertInto('robot_sessions')
				.values({
					id,
					application_id: app.id,
					upload_key_hash: hashKey(uploadKey),
					script_version: ROBOT_SCRIPT_VERSION,
					questions: JSON.stringify(ROBOT_QUESTIONS),
					state: 'recording',
					created_at: deps.now().toISOString(),
					submitted_at: null,
					reviewed_at: null,
					reviewed_by: null,
					outcome: null
				})
				.execute();
			await appendAudit(db, {
				actor: `customer:${app.id}`,
				action: 'robot.start',
				subject: id,
				detail: { applicationId: app.id, scriptVersion: ROBOT_SCRIPT_VERSION }
			});
			return c.json(
				{
					sessionId: id,
					uploadKey,
					scriptVersion: ROBOT_SCRIPT_VERSION,
					questions: ROBOT_QUESTIONS
				},
				201
			);
		}
	}),
	defineRoute({
		method: 'get',
		path: '/api/applications/:id/robot-sessions/:sessionId',
		operationId: 'getRobotSession',
		summary: 'The customer sees which answers of their robot session reached the server',
		access: { kind: 'customer' },
		response: z.object({
			id: z.string(),
			state: z.string(),
			received: z.array(z.string())
		}),
		async handler({ c, deps, params }) {
			const db = deps.storage.db;
			await ingestRobotRecords(db, deps.cipher);
			const s = await loadSession(db, params.sessionId ?? '');
			if (s.application_id !== params.id)
				throw new ApiError(404, 'not_found', 'No such robot session / 自助见证会话不存在');
			const answers = await db
				.selectFrom('robot_answers')
				.select('question_id')
				.where('session_id', '=', s.id)
				.orderBy('question_index')
				.execute();
			return c.json({ id: s.id, state: s.state, received: answers.map((a) => a.question_id) });
		}
	})
];
