/**
 * What the robot mode sends through the device outbox (`POST /api/records`), shared by the
 * client that builds these payloads and `server/robot/` that links them to a session. Each record
 * proves it belongs to its session with the session's upload key (issued once, to the holder of
 * the application's token, when the session started; the server keeps only its sha256).
 */
import type { RobotQuestion } from './script.ts';

/** Outbox record kind of one recorded answer (one blob: the audio+video recording). */
export const ROBOT_ANSWER_KIND = 'robot-answer';
/** Outbox record kind that closes a session: it is then queued for agent review. */
export const ROBOT_END_KIND = 'robot-session-end';

export interface RobotAnswerPayload {
	sessionId: string;
	uploadKey: string;
	applicationId: string;
	questionId: string;
	/** 0-based position in the session's script. */
	index: number;
	durationMs: number;
}

export interface RobotEndPayload {
	sessionId: string;
	uploadKey: string;
	applicationId: string;
	/** Question ids answered, in order. */
	answered: string[];
}

/** `POST /api/applications/:id/robot-sessions` answers this (201). */
export interface RobotSessionStart {
	sessionId: string;
	uploadKey: string;
	scriptVersion: number;
	questions: RobotQuestion[];
}

/** Where a session stands on the server. */
export type RobotSessionState = 'recording' | 'awaiting_review' | 'reviewed';

/** A reviewer's mark on one answer. */
export type RobotAnswerMark = 'ok' | 'flag';

/** `GET /api/staff/robot-sessions/:id`. */
export interface RobotSessionView {
	id: string;
	applicationId: string;
	state: RobotSessionState;
	scriptVersion: number;
	createdAt: string;
	submittedAt: string | null;
	reviewedAt: string | null;
	outcome: 'accepted' | 'manual_review' | null;
	questions: RobotQuestion[];
	answers: {
		questionId: string;
		index: number;
		sha256: string;
		bytes: number;
		mimeType: string;
		durationMs: number;
		receivedAt: string;
		mark: RobotAnswerMark | null;
		note: string | null;
		/** Staff-only URL streaming the recording (audited on every fetch). */
		mediaUrl: string;
	}[];
}
