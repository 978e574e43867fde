/**
 * Sending the signed application: create it on the server when it does not exist yet, then submit
 * with the journey's idempotency key. Offline (or a proxy error) leaves it `queued` for the next
 * try; a refusal becomes `needs_action` with the fields to fix. Returns the updated journey.
 */
import { createApplication, submitApplication } from './api.ts';
import type { SubmissionPhotos } from './photos.ts';
import { stepForPath, type StepId } from './steps.ts';
import { buildSubmission, newIdempotencyKey } from './submission.ts';
import type { JourneyData } from './types.ts';

export async function sendSubmission(
	d: JourneyData,
	fetcher: typeof fetch = fetch,
	photos: SubmissionPhotos = {}
): Promise<JourneyData> {
	const record = d.submission ?? { idempotencyKey: newIdempotencyKey(), state: 'queued' as const };
	if (record.state === 'sent') return d;
	let next: JourneyData = { ...d, submission: { ...record, state: 'queued', problem: undefined } };
	const built = buildSubmission(next, photos);
	if (!built.ok)
		return {
			...next,
			submission: { ...record, state: 'needs_action', problem: missing(built.step) }
		};
	let server = next.server;
	if (!server) {
		const created = await createApplication(fetcher);
		if (!created.ok) {
			if (created.kind === 'offline') return next;
			return {
				...next,
				submission: { ...record, state: 'queued', problem: refused(created.message, []) }
			};
		}
		server = created.value;
		next = { ...next, server };
	}
	const answer = await submitApplication(server, record.idempotencyKey, built.body, fetcher);
	if (answer.ok) {
		const { state, registry, reason } = answer.value;
		return {
			...next,
			submission: { ...record, state: 'sent', result: { state, registry, reason } }
		};
	}
	if (answer.kind === 'offline') return next;
	if (answer.code === 'conflict')
		// Submitted before (an answer that never arrived, from another tab): the status page tells.
		return { ...next, submission: { ...record, state: 'sent', result: { state: 'submitted' } } };
	if (answer.code === 'rate_limited')
		return {
			...next,
			submission: { ...record, state: 'queued', problem: refused(answer.message, []) }
		};
	return {
		...next,
		submission: {
			// A corrected form is a new request: a new key, so the server does not answer 409.
			idempotencyKey: newIdempotencyKey(),
			state: 'needs_action',
			problem: refused(answer.message, answer.paths)
		}
	};
}

/**
 * Server messages are `English / 中文`, several joined by `; `: split them for the two languages.
 * @example splitMessage('A / 甲; B / 乙') // { en: 'A; B', zh: '甲；乙' }
 */
export function splitMessage(message: string): { zh: string; en: string } {
	const parts = message.split('; ').map((m) => {
		const i = m.indexOf(' / ');
		return i < 0 ? { en: m, zh: m } : { en: m.slice(0, i), zh: m.slice(i + 3) };
	});
	return { en: parts.map((p) => p.en).join('; '), zh: parts.map((p) => p.zh).join('；') };
}

function refused(message: string, paths: string[]) {
	return { ...splitMessage(message), paths, step: paths[0] ? stepForPath(paths[0]) : undefined };
}

function missing(step: StepId) {
	return {
		zh: '申请信息不完整，请补充后重新提交',
		en: 'Something is missing: complete it and sign again',
		paths: [],
		step
	};
}
