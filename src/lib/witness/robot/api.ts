/** The customer's calls for robot mode (`server/robot/`), with the application's token. */
import { RobotError } from './errors.ts';
import type { RobotSessionStart } from './protocol.ts';

/** The application token from a robot link's fragment (`#t=kh_…`), never sent in a URL. */
export function tokenFromHash(hash: string): string | null {
	const t = new URLSearchParams(hash.replace(/^#/, '')).get('t');
	return t && /^kh_[A-Za-z0-9_-]{20,100}$/.test(t) ? t : null;
}

/** Starts a session: `POST /api/applications/:id/robot-sessions`. */
export async function startRobotSession(
	applicationId: string,
	token: string
): Promise<RobotSessionStart> {
	const res = await fetch(`/api/applications/${encodeURIComponent(applicationId)}/robot-sessions`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}` }
	}).catch(() => {
		throw new RobotError('offline');
	});
	if (res.status === 201) return (await res.json()) as RobotSessionStart;
	throw new RobotError(
		res.status === 409
			? 'not_pending'
			: res.status === 429
				? 'too_many'
				: res.status === 401 || res.status === 403
					? 'unauthorized'
					: 'server'
	);
}
