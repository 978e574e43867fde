/** Staff calls of robot mode (session cookie; state-changing calls carry the CSRF token). */
import type { RobotAnswerMark, RobotSessionState, RobotSessionView } from './protocol.ts';

export interface RobotSessionSummary {
	id: string;
	applicationId: string;
	state: RobotSessionState;
	createdAt: string;
	submittedAt: string | null;
	questions: number;
	answers: number;
}

/** A failed staff call: the HTTP status and the server's error code. */
export class StaffApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string
	) {
		super(message);
		this.name = 'StaffApiError';
	}
}

async function json<T>(res: Response): Promise<T> {
	if (res.ok) return (await res.json()) as T;
	const body = (await res.json().catch(() => null)) as {
		error?: { code?: string; message?: string };
	} | null;
	throw new StaffApiError(res.status, body?.error?.code ?? 'internal', body?.error?.message ?? '');
}

export async function listRobotSessions(
	state: RobotSessionState = 'awaiting_review'
): Promise<RobotSessionSummary[]> {
	const res = await fetch(`/api/staff/robot-sessions?state=${state}`);
	return (await json<{ sessions: RobotSessionSummary[] }>(res)).sessions;
}

export async function fetchRobotSession(id: string): Promise<RobotSessionView> {
	return json<RobotSessionView>(await fetch(`/api/staff/robot-sessions/${encodeURIComponent(id)}`));
}

/** The CSRF token of the current staff session (`GET /api/auth/me`). */
export async function staffCsrfToken(): Promise<string> {
	return (await json<{ csrfToken: string }>(await fetch('/api/auth/me'))).csrfToken;
}

export interface RobotReview {
	outcome: 'accepted' | 'manual_review';
	marks: { questionId: string; mark: RobotAnswerMark; note?: string }[];
	reason?: string;
}

export async function reviewRobotSession(
	id: string,
	review: RobotReview,
	csrfToken: string
): Promise<{ outcome: string; applicationState: string }> {
	const res = await fetch(`/api/staff/robot-sessions/${encodeURIComponent(id)}/review`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
		body: JSON.stringify(review)
	});
	return json(res);
}
