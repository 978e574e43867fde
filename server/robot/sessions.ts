/** The robot_sessions / robot_answers tables: create, load and present sessions. */
import type { Kysely } from 'kysely';
import type {
	RobotAnswerMark,
	RobotSessionState,
	RobotSessionView
} from '../../src/lib/witness/robot/protocol.ts';
import type { RobotQuestion } from '../../src/lib/witness/robot/script.ts';
import { ApiError } from '../http/errors.ts';
import type { Database } from '../storage/schema.ts';

export type SessionRow = Database['robot_sessions'];

/** Sessions an application may start (each start is a retry after a dropped attempt). */
export const MAX_SESSIONS_PER_APPLICATION = 5;

export const mediaUrl = (sessionId: string, questionId: string) =>
	`/api/staff/robot-sessions/${sessionId}/answers/${encodeURIComponent(questionId)}/media`;

export async function loadSession(db: Kysely<Database>, id: string): Promise<SessionRow> {
	const row = /^[0-9a-f-]{36}$/.test(id)
		? await db.selectFrom('robot_sessions').selectAll().where('id', '=', id).executeTakeFirst()
		: undefined;
	if (!row) throw new ApiError(404, 'not_found', 'No such robot session / 自助见证会话不存在');
	return row;
}

/** A session with its questions and linked answers, as staff see it. */
export async function sessionView(db: Kysely<Database>, s: SessionRow): Promise<RobotSessionView> {
	const answers = await db
		.selectFrom('robot_answers')
		.selectAll()
		.where('session_id', '=', s.id)
		.orderBy('question_index')
		.execute();
	return {
		id: s.id,
		applicationId: s.application_id,
		state: s.state as RobotSessionState,
		scriptVersion: Number(s.script_version),
		createdAt: s.created_at,
		submittedAt: s.submitted_at,
		reviewedAt: s.reviewed_at,
		outcome: s.outcome as RobotSessionView['outcome'],
		questions: JSON.parse(s.questions) as RobotQuestion[],
		answers: answers.map((a) => ({
			questionId: a.question_id,
			index: Number(a.question_index),
			sha256: a.blob_sha256,
			bytes: Number(a.bytes),
			mimeType: a.mime_type,
			durationMs: Number(a.duration_ms),
			receivedAt: a.received_at,
			mark: a.mark as RobotAnswerMark | null,
			note: a.note,
			mediaUrl: mediaUrl(s.id, a.question_id)
		}))
	};
}
