/**
 * Hands robot-mode answers to the device outbox: each answer is sealed into the encrypted store
 * as a final record (`robot-answer`, one blob) and uploaded by the sync runner over tus when
 * online — resumable, surviving reloads. The closing record (`robot-session-end`) queues the
 * session for agent review once its answers are in.
 */
import { finalize, loadDraft, saveDraft } from '$lib/store/captures.ts';
import { db } from '$lib/store/db.ts';
import { recordQueued } from '$lib/store/sync/app.ts';
import {
	ROBOT_ANSWER_KIND,
	ROBOT_END_KIND,
	type RobotAnswerPayload,
	type RobotEndPayload
} from './protocol.ts';
import type { SavedAnswer } from './runner.ts';
import type { RobotQuestion } from './script.ts';

/** What every record of a session carries. */
export interface RobotSessionKey {
	sessionId: string;
	uploadKey: string;
	applicationId: string;
}

/** Seals one answer into the outbox; resolves once it is stored on the device. */
export async function queueRobotAnswer(
	key: RobotSessionKey,
	question: RobotQuestion,
	index: number,
	blob: Blob,
	durationMs: number
): Promise<SavedAnswer> {
	const payload: RobotAnswerPayload = { ...key, questionId: question.id, index, durationMs };
	const type = blob.type || 'video/webm';
	const ext = type.includes('mp4') ? 'mp4' : 'webm';
	const draft = await saveDraft(db(), {
		kind: ROBOT_ANSWER_KIND,
		data: { ...payload },
		files: [
			{ name: `answer-${index + 1}.${ext}`, type, bytes: new Uint8Array(await blob.arrayBuffer()) }
		]
	});
	const { blobs } = await loadDraft(db(), draft);
	await finalize(db(), draft, (_d, b) => b.length === 1);
	void recordQueued();
	const ref = blobs[0];
	return { questionId: question.id, sha256: ref?.sha256 ?? '', bytes: ref?.bytes ?? 0, durationMs };
}

/** Queues the record that closes the session (after its answers, so it uploads last). */
export async function queueRobotSessionEnd(
	key: RobotSessionKey,
	answered: readonly SavedAnswer[]
): Promise<void> {
	const payload: RobotEndPayload = { ...key, answered: answered.map((a) => a.questionId) };
	const draft = await saveDraft(db(), { kind: ROBOT_END_KIND, data: { ...payload } });
	await finalize(db(), draft);
	void recordQueued();
}
